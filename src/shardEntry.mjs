// Entry of one shard's process under discord.js's ShardingManager: registers tsx's loader, then
// starts the gateway bot for the shard that the manager named in this process's environment.
import { register } from 'tsx/esm/api';

register();
await import('./shard.ts');
