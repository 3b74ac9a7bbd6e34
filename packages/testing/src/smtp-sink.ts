import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  stop(): Promise<void>;
}

const toMail = (parsed: ParsedMail, to: string[]): ReceivedMail => ({
  from: parsed.from?.text ?? '',
  to,
  subject: parsed.subject ?? '',
  text: parsed.text ?? '',
  messageId: parsed.messageId ?? '',
  headers: Object.fromEntries(
    [...parsed.headers].map(([k, v]) => [k, String(typeof v === 'object' ? JSON.stringify(v) : v)]),
  ),
  receivedAt: new Date(),
});

/**
 * A real SMTP server (the smtp-server package, from the nodemailer project) on loopback that keeps
 * what it receives, so tests and the local demo can read the mail the system sent.
 */
export async function startSmtpSink(
  options: {
    port?: number;
    host?: string;
    onMail?: (mail: ReceivedMail) => void;
    /** Awaited before a recipient is accepted: a test can hold a client before its DATA. */
    beforeRcpt?: (address: string) => Promise<void>;
    /** Awaited after a mail is kept and before the server answers 250: a test can hold the answer. */
    beforeAnswer?: (mail: ReceivedMail) => Promise<void>;
  } = {},
): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      (options.beforeRcpt?.(address.address) ?? Promise.resolve()).then(
        () => callback(),
        (err: Error) => callback(err),
      );
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const mail = toMail(parsed, to);
          received.push(mail);
          options.onMail?.(mail);
          await options.beforeAnswer?.(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  return {
    port,
    url: `smtp://${host}:${port}`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
