// Multipart upload parsers and what bounds them. A parser with no size or count limit lets one request
// fill the server's memory or disk; whether a parser is bounded is read from the options it is given
// *and* the library's own default, which is a fact about the library: @fastify/multipart caps a file
// at the server's body limit when told nothing, multer and busboy cap nothing, formidable caps a file
// at 200 MB.

/** How the app makes a parser with this export. */
export type UploadShape =
  /** `multer(opts)`, `busboy(opts)`, `formidable(opts)`: the export is called (or `new`ed) with the options. */
  | 'factory'
  /** `@UseInterceptors(FileInterceptor('file', opts))`: a NestJS interceptor factory; options at `optionsArg`. */
  | 'interceptor'
  /** `app.register(multipart, opts)`: a Fastify plugin; options are `register`'s second argument. */
  | 'plugin'
  /** `MulterModule.register(opts)`: defaults for every interceptor of the module that imports it. */
  | 'module-defaults';

export interface UploadExport {
  package: string;
  /** The export's name; `default` for a default export (also a CommonJS `module.exports`). */
  export: string;
  /** A member of the export that is the factory itself (`formidable.IncomingForm`, `MulterModule.register`), when it is not the export. */
  member?: string;
  shape: UploadShape;
  /** Which argument holds the options. */
  optionsArg: number;
  /** The library whose options and defaults apply (multer for NestJS's interceptors). */
  library: UploadLibrary['id'];
}

export interface UploadLibrary {
  id: 'multer' | 'busboy' | 'formidable' | '@fastify/multipart';
  /**
   * Option paths that bound what one request may upload, any of which counts (`limits.fileSize`,
   * `maxFileSize`): a per-file size or a file count.
   */
  limitOptions: readonly string[];
  /** The per-file size the library enforces when given none, in bytes; null: unbounded. */
  defaultFileSize: number | null;
  /** The option that filters which files are accepted (type, name), when the library has one. */
  filterOption: string | null;
  /** Options that make it write files to disk (`dest`, `storage: multer.diskStorage(...)`). */
  diskOptions: readonly string[];
  source: string;
}

export const UPLOAD_LIBRARIES: readonly UploadLibrary[] = [
  {
    id: 'multer', limitOptions: ['limits.fileSize', 'limits.files', 'limits.parts'], defaultFileSize: null, filterOption: 'fileFilter', diskOptions: ['dest', 'storage'],
    source: 'https://github.com/expressjs/multer#limits (every limit defaults to Infinity)',
  },
  {
    id: 'busboy', limitOptions: ['limits.fileSize', 'limits.files', 'limits.parts'], defaultFileSize: null, filterOption: null, diskOptions: [],
    source: 'https://github.com/mscdex/busboy#exports (limits: fileSize Infinity, files Infinity by default)',
  },
  {
    id: 'formidable', limitOptions: ['maxFileSize', 'maxTotalFileSize', 'maxFiles'], defaultFileSize: 200 * 1024 * 1024, filterOption: 'filter', diskOptions: ['uploadDir'],
    source: 'https://github.com/node-formidable/formidable#options (maxFileSize 200 MB, maxFiles Infinity by default)',
  },
  {
    // The plugin passes the server's `bodyLimit` (1 MiB unless the server says otherwise) as busboy's fileSize.
    id: '@fastify/multipart', limitOptions: ['limits.fileSize', 'limits.files', 'limits.parts'], defaultFileSize: 1024 * 1024, filterOption: null, diskOptions: [],
    source: 'https://github.com/fastify/fastify-multipart#usage (limits.fileSize defaults to the server bodyLimit, 1 MiB)',
  },
];

export const UPLOAD_EXPORTS: readonly UploadExport[] = [
  { package: 'multer', export: 'default', shape: 'factory', optionsArg: 0, library: 'multer' },
  { package: 'busboy', export: 'default', shape: 'factory', optionsArg: 0, library: 'busboy' },
  { package: 'formidable', export: 'default', shape: 'factory', optionsArg: 0, library: 'formidable' },
  { package: 'formidable', export: 'formidable', shape: 'factory', optionsArg: 0, library: 'formidable' },
  { package: 'formidable', export: 'IncomingForm', shape: 'factory', optionsArg: 0, library: 'formidable' },
  { package: 'formidable', export: 'default', member: 'IncomingForm', shape: 'factory', optionsArg: 0, library: 'formidable' },
  { package: '@fastify/multipart', export: 'default', shape: 'plugin', optionsArg: 1, library: '@fastify/multipart' },
  { package: '@nestjs/platform-express', export: 'FileInterceptor', shape: 'interceptor', optionsArg: 1, library: 'multer' },
  { package: '@nestjs/platform-express', export: 'FilesInterceptor', shape: 'interceptor', optionsArg: 2, library: 'multer' },
  { package: '@nestjs/platform-express', export: 'FileFieldsInterceptor', shape: 'interceptor', optionsArg: 1, library: 'multer' },
  { package: '@nestjs/platform-express', export: 'AnyFilesInterceptor', shape: 'interceptor', optionsArg: 0, library: 'multer' },
  { package: '@nestjs/platform-express', export: 'MulterModule', member: 'register', shape: 'module-defaults', optionsArg: 0, library: 'multer' },
];

/** The packages whose imports make a file worth reading for upload parsers. */
export function uploadPackages(): string[] {
  return [...new Set(UPLOAD_EXPORTS.map((e) => e.package))];
}

/**
 * What an imported name used as `callee` (or `callee.member`) makes: the export entry, or null. A
 * namespace import (`*`) reads as the default export, as CommonJS interop gives it.
 */
export function uploadExportOf(from: string, imported: string, member: string | null): UploadExport | null {
  const name = imported === '*' ? 'default' : imported;
  return UPLOAD_EXPORTS.find((e) => e.package === from && e.export === name && (e.member ?? null) === member) ?? null;
}

export function uploadLibrary(id: UploadLibrary['id']): UploadLibrary {
  return UPLOAD_LIBRARIES.find((l) => l.id === id)!;
}
