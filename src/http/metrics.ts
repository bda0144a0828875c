import { Counter, Histogram, Registry } from 'prom-client';

/** The endpoint's Prometheus metrics, in a registry of their own. */
export interface Metrics {
  registry: Registry;
  requests: Counter<'route' | 'status'>;
  interactions: Counter<'command'>;
  latency: Histogram<'kind'>;
}

/** Creates the metrics: requests by route and status, interactions by command, and a latency histogram. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    requests: new Counter({
      name: 'citebot_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    interactions: new Counter({
      name: 'citebot_interactions_total',
      help: 'Interactions answered, by command (or autocomplete:<command>, button)',
      labelNames: ['command'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'citebot_interaction_duration_seconds',
      help: 'Time from receiving an interaction to sending the response',
      labelNames: ['kind'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}
