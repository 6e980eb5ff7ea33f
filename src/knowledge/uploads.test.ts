import { describe, expect, it } from 'vitest';
import { UPLOAD_EXPORTS, UPLOAD_LIBRARIES, uploadExportOf, uploadLibrary, uploadPackages } from './index.js';

describe('upload parsers', () => {
  it('every export names a library with its options and a source', () => {
    for (const e of UPLOAD_EXPORTS) {
      const lib = uploadLibrary(e.library);
      expect(lib, `${e.package}#${e.export}`).toBeDefined();
      expect(lib.limitOptions.length).toBeGreaterThan(0);
      expect(lib.source).toMatch(/^https:\/\//);
    }
    expect(new Set(UPLOAD_LIBRARIES.map((l) => l.id)).size).toBe(UPLOAD_LIBRARIES.length);
  });

  it('library defaults: multer and busboy bound nothing, @fastify/multipart caps a file at 1 MiB, formidable at 200 MB', () => {
    expect(uploadLibrary('multer').defaultFileSize).toBeNull();
    expect(uploadLibrary('busboy').defaultFileSize).toBeNull();
    expect(uploadLibrary('@fastify/multipart').defaultFileSize).toBe(1_048_576);
    expect(uploadLibrary('formidable').defaultFileSize).toBe(209_715_200);
    expect(uploadLibrary('formidable').limitOptions).toContain('maxFileSize');
    expect(uploadLibrary('multer').filterOption).toBe('fileFilter');
  });

  it('resolves an import to what it makes: a namespace or require reads as the default export, members by name', () => {
    expect(uploadExportOf('multer', '*', null)?.shape).toBe('factory');
    expect(uploadExportOf('multer', 'default', 'diskStorage')).toBeNull();
    expect(uploadExportOf('formidable', 'default', 'IncomingForm')?.library).toBe('formidable');
    expect(uploadExportOf('@nestjs/platform-express', 'FilesInterceptor', null)).toMatchObject({ shape: 'interceptor', optionsArg: 2, library: 'multer' });
    expect(uploadExportOf('@nestjs/platform-express', 'MulterModule', 'register')?.shape).toBe('module-defaults');
    expect(uploadExportOf('@nestjs/platform-express', 'MulterModule', null)).toBeNull();
    expect(uploadExportOf('@fastify/multipart', 'default', null)?.shape).toBe('plugin');
    expect(uploadExportOf('express', 'default', null)).toBeNull();
    expect(uploadPackages()).toEqual(['multer', 'busboy', 'formidable', '@fastify/multipart', '@nestjs/platform-express']);
  });

  it('formidable writes each file to disk unless told where; multer, busboy and @fastify/multipart only with a disk option', () => {
    expect(uploadLibrary('formidable').diskByDefault).toBe(true);
    expect(uploadLibrary('formidable').source).toContain('os.tmpdir()');
    for (const id of ['multer', 'busboy', '@fastify/multipart'] as const) expect(uploadLibrary(id).diskByDefault).toBe(false);
  });
});
