import { createHmac } from 'node:crypto';
import { exec } from 'node:child_process';
export function verifyWebhook(req: any, body: string) {
  const expected = createHmac('sha256', process.env.WEBHOOK_SECRET!).update(body).digest('hex');
  return req.headers['x-signature'] === expected;
}
export function ping(req: any, res: any) {
  exec(`ping -c 1 ${req.query.host}`, (_e, out) => res.send(out));
}
