// Why a path could not be read or written, for people, from the code of a
// Node error: the one place that turns errno codes into words.

/** The short reason for an error of the file system ("no such file", "permission denied", …). */
export function errnoReason(e: unknown, what = 'file'): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT': return `no such ${what}`;
    case 'ENOTDIR': return `no such ${what}: a part of the path is a file, not a folder`;
    case 'EISDIR': return 'it is a folder';
    case 'EEXIST': return 'it is a file, not a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many symbolic links (a loop?)';
    case 'ENAMETOOLONG': return 'the path is too long';
    default: return e instanceof Error ? e.message : String(e);
  }
}

/** The errno code of an error, if it has one. */
export const errnoCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;
