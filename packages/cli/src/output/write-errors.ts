import { UsageError } from '../errors.js';

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

/**
 * An error from writing outputs as the user should read it: a file-system refusal (permission, read-only,
 * a file where a folder is needed, a full disk) becomes a UsageError (exit 2) saying what could not be
 * written and what to do; anything else is returned unchanged.
 */
export function writeError(err: unknown, what: string, fix = 'choose another --out'): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (err instanceof UsageError || code === undefined || WHY[code] === undefined) return err;
  return new UsageError(`cannot write ${what}: ${WHY[code]} (${code}); ${fix}`);
}
