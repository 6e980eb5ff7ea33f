import { describe, expect, it } from 'vitest';
import { isRecordWriteMethod, MESSAGE_SENDERS, messageSenderOf } from './one-time-secrets.js';

describe('knowledge/one-time-secrets', () => {
  it('mail and SMS senders by package, how the client was made, and method', () => {
    expect(messageSenderOf('nodemailer', 'instance', 'sendMail', 'createTransport')).toMatchObject({ what: 'mail' });
    expect(messageSenderOf('nodemailer', 'instance', 'sendMail', 'getTestMessageUrl')).toBeNull();
    expect(messageSenderOf('@sendgrid/mail', 'member', 'send')).toMatchObject({ what: 'mail' });
    expect(messageSenderOf('twilio', 'instance', 'create', 'default', 'messages')).toMatchObject({ what: 'SMS' });
    expect(messageSenderOf('twilio', 'instance', 'create', 'default')).toBeNull();
    expect(messageSenderOf('axios', 'member', 'send')).toBeNull();
  });
  it('record writes: Mongoose, Sequelize and Redis methods; not a read', () => {
    for (const m of ['save', 'findOneAndUpdate', 'updateOne', 'setex']) expect(isRecordWriteMethod(m), m).toBe(true);
    for (const m of ['findOne', 'get', 'push']) expect(isRecordWriteMethod(m), m).toBe(false);
  });
  it('each sender has an example that calls its method, and a source', () => {
    for (const s of MESSAGE_SENDERS) {
      expect(s.example, s.package).toContain(`${s.method}(`);
      expect(s.source).toMatch(/^https:\/\//);
    }
  });
});
