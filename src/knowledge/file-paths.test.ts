import { describe, expect, it } from 'vitest';
import { FILE_SINKS, fileSinkOf, PATH_FUNCTIONS, pathFunctionOf, RESPONSE_FILE_SINKS, responseFileSinkOf, UPLOAD_NAME_SOURCES } from './index.js';

describe('file paths', () => {
  it('every sink, path function and response sink has a source and an example that calls it', () => {
    for (const s of [...FILE_SINKS, ...PATH_FUNCTIONS]) {
      expect(s.source, s.name).toMatch(/^https:\/\//);
      expect(s.example, s.name).toContain(`${s.name.slice(s.name.lastIndexOf('#') + 1)}(`);
    }
    for (const r of RESPONSE_FILE_SINKS) expect(r.example).toContain(`res.${r.method}(`);
  });

  it('resolves an export of each module form to its access and path arguments', () => {
    expect(fileSinkOf('node:fs', 'writeFileSync')?.access).toBe('write');
    expect(fileSinkOf('fs/promises', 'unlink')?.access).toBe('delete');
    expect(fileSinkOf('fs', 'promises#readFile')?.access).toBe('read');
    expect(fileSinkOf('fs', 'rename')?.paths).toEqual([0, 1]);
    expect(fileSinkOf('fs-extra', 'outputFile')?.access).toBe('write');
    expect(fileSinkOf('fs/promises', 'createReadStream')).toBeNull();
    expect(fileSinkOf('fs', 'existsSync')).toBeNull();
    expect(fileSinkOf('lodash', 'remove')).toBeNull();
  });

  it('basename ends a path; join, resolve and realpath resolve it', () => {
    expect(pathFunctionOf('path', 'basename')?.effect).toBe('last-component');
    expect(pathFunctionOf('node:path', 'posix#basename')?.effect).toBe('last-component');
    expect(pathFunctionOf('path', 'join')?.effect).toBe('resolves');
    expect(pathFunctionOf('fs/promises', 'realpath')?.effect).toBe('resolves');
    expect(pathFunctionOf('path', 'dirname')).toBeNull();
  });

  it('sendFile and download take a root option', () => {
    expect(responseFileSinkOf('sendFile')?.rootOption).toBe('root');
    expect(responseFileSinkOf('download')?.optionArgs).toEqual([1, 2]);
    expect(responseFileSinkOf('json')).toBeNull();
  });

  it('upload name sources: each example reads its field; busboy-based parsers keep the base name, formidable and Hono do not', () => {
    for (const s of UPLOAD_NAME_SOURCES) {
      if (s.field !== '') expect(s.example, s.library).toContain(`.${s.field}`);
      expect(s.source).toMatch(/^https:\/\//);
    }
    const basename = (lib: string) => UPLOAD_NAME_SOURCES.filter((s) => s.library === lib).every((s) => s.basename);
    expect(basename('multer') && basename('busboy') && basename('@fastify/multipart')).toBe(true);
    expect(UPLOAD_NAME_SOURCES.filter((s) => s.library === 'formidable' || s.library === 'hono').some((s) => s.basename)).toBe(false);
  });
});
