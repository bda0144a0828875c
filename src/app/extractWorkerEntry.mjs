// Entry of an extraction thread of a parallel build: registers tsx's loader in this thread, then runs
// the TypeScript worker (worker threads do not inherit the main thread's module hooks on Node 20).
import { register } from 'tsx/esm/api';

register();
await import('./extractWorker.ts');
