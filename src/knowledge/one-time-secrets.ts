// Where a generated value becomes the secret of a reset, verification or one-time-code flow: the code
// stores it on a record (to compare later with what the user sends back), delivers it to the user by
// mail or SMS, or puts it in a link. A value that goes to one of these places must be unguessable,
// whatever it is called; a value that goes nowhere of the kind (a UI id, a retry delay) need not be.

/** A call that delivers a message to a user: what it is handed (a code, a link) reaches the user. */
export interface MessageSender {
  package: string;
  /**
   * The method called on the client: `member` of the module's default/namespace import
   * (`sgMail.send(msg)`), or `instance`: on an object the module's factory made
   * (`nodemailer.createTransport(...).sendMail(msg)`), matched by the method's name.
   */
  how: 'member' | 'instance';
  method: string;
  /** For `instance`, the factory of the module that makes the client, and a method chain before `method` (`messages` of twilio's client). */
  factory?: string;
  via?: string;
  what: 'mail' | 'SMS';
  example: string;
  source: string;
}

export const MESSAGE_SENDERS: readonly MessageSender[] = [
  { package: 'nodemailer', how: 'instance', factory: 'createTransport', method: 'sendMail', what: 'mail', example: "const t = nodemailer.createTransport(opts); await t.sendMail({ to, text: `Your code: ${code}` })", source: 'https://nodemailer.com/usage/' },
  { package: '@sendgrid/mail', how: 'member', method: 'send', what: 'mail', example: "sgMail.send({ to, html: `<a href=\"${link}\">Reset</a>` })", source: 'https://github.com/sendgrid/sendgrid-nodejs/tree/main/packages/mail#quick-start-hello-email' },
  { package: 'twilio', how: 'instance', factory: 'default', via: 'messages', method: 'create', what: 'SMS', example: "const client = twilio(sid, token); await client.messages.create({ to, body: `Code ${otp}` })", source: 'https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource' },
  { package: 'resend', how: 'instance', factory: 'Resend', via: 'emails', method: 'send', what: 'mail', example: "const resend = new Resend(key); await resend.emails.send({ to, html })", source: 'https://resend.com/docs/send-with-nodejs' },
];

/**
 * Methods that write a record, beyond the ORM write methods verdict already knows (knowledge
 * orm-writes): Mongoose's and Sequelize's. A value handed to one in its update (`{ resetToken: t }`)
 * is stored; `doc.save()` after `doc.resetToken = t` stores the field.
 */
export const RECORD_WRITE_METHODS = {
  methods: ['save', 'create', 'insert', 'insertOne', 'update', 'updateOne', 'updateMany', 'upsert', 'findOneAndUpdate', 'findByIdAndUpdate', 'set', 'hset', 'setex'],
  source: 'https://mongoosejs.com/docs/api/model.html, https://sequelize.org/docs/v6/core-concepts/model-querying-basics/, https://redis.io/docs/latest/commands/set/ (a code kept in Redis with an expiry)',
} as const;

const RECORD_WRITES = new Set<string>(RECORD_WRITE_METHODS.methods);
export const isRecordWriteMethod = (name: string): boolean => RECORD_WRITES.has(name);

/** The sender a method call is: its package, how its receiver was made, and its name. */
export function messageSenderOf(pkg: string, how: 'member' | 'instance', method: string, factory?: string, via?: string): MessageSender | null {
  return MESSAGE_SENDERS.find((s) => s.package === pkg && s.how === how && s.method === method && (how === 'member' || (s.factory === factory && (s.via ?? null) === (via ?? null)))) ?? null;
}
