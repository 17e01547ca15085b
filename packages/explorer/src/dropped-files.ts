/** A file the user dropped or picked, with its path below what was dropped (`returns/2024/episodes.csv`). */
export interface PickedFile {
  path: string;
  file: File;
}

/** The files of a file input: a folder picker gives each file's path inside the folder chosen. */
export function pickedFiles(list: FileList): PickedFile[] {
  return [...list].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function entries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    // readEntries hands them over in batches until an empty one.
    const next = (): void => reader.readEntries((batch) => (batch.length === 0 ? resolve(all) : (all.push(...batch), next())), reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: PickedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
  } else if (entry.isDirectory) {
    for (const child of await entries(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/** Everything dropped: files, and the files inside dropped folders with their paths. */
export async function droppedFiles(data: DataTransfer): Promise<PickedFile[]> {
  const roots = [...data.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  if (roots.length === 0) return pickedFiles(data.files);
  const out: PickedFile[] = [];
  for (const root of roots) await walk(root, out);
  return out;
}
