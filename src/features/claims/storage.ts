import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** A stored file as a listing shows it: its key and when it was last written. */
export interface StoredFile {
  key: string;
  modifiedAt: Date;
}

/** Where uploaded files live. The local disk by default; an object store can take its place. */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes, or null when there is no file under the key. */
  get(key: string): Promise<Uint8Array | null>;
  /**
   * Writes a file from a stream, for one too big to hold in memory (an owner's data export); like
   * `put`, a failure leaves nothing under the key. Resolves with the number of bytes written.
   */
  putStream(key: string, source: Readable): Promise<number>;
  /** The file as a stream with its size, or null when there is no file under the key. */
  openStream(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes the file; no error when there is none. */
  delete(key: string): Promise<void>;
  /** Gives a file a new key, replacing any file under it. */
  move(from: string, to: string): Promise<void>;
  /** The files directly under a folder (`pending`, not its subfolders), with their age. */
  list(folder: string): Promise<StoredFile[]>;
}

// Segments of letters, digits, `_` and `-`, each with at most one extension: no `..`, no leading
// dot, no empty segment, no backslash. Keys are made by us, but a key is never trusted to stay
// inside the root only because of how it was made.
const KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?(\/[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?)*$/;

/** @example isSafeStorageKey("claims/1f0c/7d2e"); // true; isSafeStorageKey("../etc/passwd"); // false */
export function isSafeStorageKey(key: string): boolean {
  return KEY.test(key);
}

/**
 * Files under one folder of the local disk. A file is written to a temporary name first so a
 * crash never leaves half a file under the real name.
 */
export function localDiskStorage(root: string): FileStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (!isSafeStorageKey(key) || !path.startsWith(base + sep)) throw new Error(`bad storage key ${key}`);
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, bytes);
      await rename(`${path}.tmp`, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async putStream(key, source) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      try {
        await pipeline(source, createWriteStream(`${path}.tmp`));
      } catch (error) {
        await rm(`${path}.tmp`, { force: true });
        throw error;
      }
      await rename(`${path}.tmp`, path);
      return (await stat(path)).size;
    },
    async openStream(key) {
      const path = pathOf(key);
      try {
        const { size } = await stat(path);
        return { stream: createReadStream(path), size };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async move(from, to) {
      const target = pathOf(to);
      await mkdir(dirname(target), { recursive: true });
      await rename(pathOf(from), target);
    },
    async list(folder) {
      const path = pathOf(folder);
      let entries: string[];
      try {
        entries = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
      const files: StoredFile[] = [];
      for (const name of entries) {
        const key = `${folder}/${name}`;
        if (!isSafeStorageKey(key)) continue; // not ours: never touched
        try {
          files.push({ key, modifiedAt: (await stat(join(path, name))).mtime });
        } catch (error) {
          if (!isMissing(error)) throw error; // moved or removed since the listing: skip it
        }
      }
      return files;
    },
  };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: string }).code === "ENOENT";
}
