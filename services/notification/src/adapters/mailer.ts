import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

export interface SendHooks {
  /**
   * Awaited inside the SMTP DATA phase, after the whole message was handed over and before the
   * end-of-data dot: the last moment at which the server cannot yet have accepted the message.
   */
  beforeEndOfData?: () => Promise<void>;
}

/** The server refused the message for good (5xx): resending would be refused again. */
export class SmtpRefusedError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
    this.name = 'SmtpRefusedError';
  }
}

/**
 * The end-of-data dot was (or may have been) sent and no answer came back: the server may have
 * accepted the message (RFC 1047). Resending could duplicate it.
 */
export class SmtpOutcomeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmtpOutcomeUnknownError';
  }
}

/**
 * Withholds the end of the message until `beforeEnd` resolves: the DATA terminator is only written
 * when this stream ends, so nothing before that point can have been accepted by the server.
 */
class GatedBody extends Readable {
  private stage: 'body' | 'gate' | 'done' = 'body';

  constructor(
    private readonly raw: Buffer,
    private readonly beforeEnd: () => Promise<void>,
  ) {
    super();
  }

  override _read(): void {
    if (this.stage === 'body') {
      this.stage = 'gate';
      this.push(this.raw);
    } else if (this.stage === 'gate') {
      this.stage = 'done';
      this.beforeEnd().then(
        () => this.push(null),
        (err: Error) => this.destroy(err),
      );
    }
  }
}

const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/**
 * SMTP, one connection per message. The Message-ID is derived from the idempotency key, and the
 * caller can record "committing" right before the end-of-data dot (ADR 0011).
 */
export class Mailer {
  private readonly server: URL;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.server = new URL(smtpUrl);
  }

  async send(mail: OutgoingMail, hooks: SendHooks = {}): Promise<void> {
    const raw = await new MailComposer({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}@motcua.local>`,
      headers: { 'X-Motcua-Message-Id': mail.messageId },
    })
      .compile()
      .build();
    const secure = this.server.protocol === 'smtps:';
    const connection = new SMTPConnection({
      host: this.server.hostname,
      port: Number(this.server.port || (secure ? 465 : 25)),
      secure,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
    });
    let endOfDataSent = false;
    let failed: ((err: Error) => void) | undefined;
    connection.on('error', (err: Error) => failed?.(err));
    const step = <T>(run: (done: (err: Error | null, value?: T) => void) => void) =>
      new Promise<T>((resolve, reject) => {
        failed = reject;
        run((err, value) => (err ? reject(err) : resolve(value as T)));
      });
    try {
      await step<void>((done) => connection.connect(() => done(null)));
      if (this.server.username) {
        const credentials = {
          user: decodeURIComponent(this.server.username),
          pass: decodeURIComponent(this.server.password),
        };
        await step<void>((done) => connection.login({ credentials }, (err) => done(err ?? null)));
      }
      const body = new GatedBody(raw, async () => {
        await hooks.beforeEndOfData?.();
        endOfDataSent = true;
      });
      await step((done) =>
        connection.send({ from: addressOf(this.from), to: [mail.to] }, body, (err) => done(err ?? null)),
      );
    } catch (err) {
      throw classify(err, endOfDataSent);
    } finally {
      connection.close();
    }
  }
}

function classify(err: unknown, endOfDataSent: boolean): Error {
  const error = err instanceof Error ? err : new Error(String(err));
  const code = (err as { responseCode?: number }).responseCode;
  if (code !== undefined && code >= 500) return new SmtpRefusedError(error.message, code);
  // A 4xx answer is a clear "not accepted": a retry is safe whatever the stage.
  if (code !== undefined) return error;
  return endOfDataSent ? new SmtpOutcomeUnknownError(error.message) : error;
}
