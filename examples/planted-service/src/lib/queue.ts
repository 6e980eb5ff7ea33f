import { Queue } from 'bullmq';

export const receiptsQueue = new Queue('receipts', { connection: { url: process.env.REDIS_URL } });

export async function queueReceipt(orderId: string) {
  await receiptsQueue.add('send-receipt', { orderId });
}
