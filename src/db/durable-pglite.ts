/**
 * PGlite on a data folder with PostgreSQL's durability: a save is acknowledged only after its
 * WAL record reached the disk, so a power loss keeps every acknowledged save
 * (docs/decisions/011-durable-embedded-database.md).
 *
 * PGlite 0.5.16 gives up that guarantee in three places, and this module puts it back:
 * - its default start parameters contain `-F` (fsync off): we start without it;
 * - Emscripten's `fdatasync` (PostgreSQL's default WAL sync method on Linux) does nothing:
 *   we set `wal_sync_method=fsync`, which goes through the file system's `fsync`;
 * - Emscripten's NODEFS, which maps the data folder onto the real disk, has no `fsync`: we
 *   add one that calls the operating system's.
 */
import { fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** How many times a data folder file was synced to the disk (for tests and diagnostics). */
let diskSyncs = 0;
export const countDiskSyncs = (): number => diskSyncs;

type NodeFsInit = Awaited<ReturnType<NodeFS['init']>>;
type PreRun = (module: EmscriptenModuleWithNodefs) => void;

interface EmscriptenModuleWithNodefs {
  readonly NODEFS: { stream_ops: Record<string, unknown> };
}

interface NodefsStream {
  readonly nfd?: number;
}

/** NODEFS with an `fsync` that reaches the disk. */
class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): Promise<NodeFsInit> {
    const result = await super.init(...args);
    const preRun = [result.emscriptenOpts.preRun ?? []].flat() as PreRun[];
    const addFsync: PreRun = (module) => {
      // Every NODEFS file shares this stream_ops object, so adding to it covers them all.
      module.NODEFS.stream_ops.fsync = (stream: NodefsStream) => {
        if (stream.nfd !== undefined) {
          fsyncSync(stream.nfd);
          diskSyncs += 1;
        }
        return 0;
      };
    };
    return {
      emscriptenOpts: {
        ...result.emscriptenOpts,
        preRun: [...preRun, addFsync] as NonNullable<NodeFsInit['emscriptenOpts']['preRun']>,
      },
    };
  }
}

/** PGlite's start parameters with fsync on (without `-F`) and a WAL sync that really syncs. */
export function durableStartParams(): string[] {
  return [
    ...PGlite.defaultStartParams.filter((parameter) => parameter !== '-F'),
    '-c',
    'fsync=on',
    '-c',
    'wal_sync_method=fsync',
  ];
}

/**
 * Opens PGlite on a data folder.
 *
 * @param durable true: fsync on (the default for the app); false: PGlite's own fsync-off
 *   start, for throw-away folders (tests, benchmarks) where speed matters more
 */
export async function createPglite(dataDir: string, durable: boolean): Promise<PGlite> {
  if (!durable) return PGlite.create(dataDir);
  return PGlite.create({ fs: new DurableNodeFS(dataDir), startParams: durableStartParams() });
}
