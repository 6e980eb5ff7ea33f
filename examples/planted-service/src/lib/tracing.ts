import { trace } from '@opentelemetry/api';

const tracer = trace.getTracer('orders-api');

export function traced<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
}
