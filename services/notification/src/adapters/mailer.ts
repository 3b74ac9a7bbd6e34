import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

/** SMTP through nodemailer. The Message-ID is the idempotency key, so a resend is recognisable. */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}@motcua.local>`,
      headers: { 'X-Motcua-Message-Id': mail.messageId },
    });
  }

  close(): void {
    this.transport.close();
  }
}
