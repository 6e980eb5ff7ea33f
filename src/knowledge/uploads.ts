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
  /** It writes each file to disk when none of `diskOptions` is given (formidable: to `os.tmpdir()`). */
  diskByDefault: boolean;
  source: string;
}

export const UPLOAD_LIBRARIES: readonly UploadLibrary[] = [
  {
    id: 'multer', limitOptions: ['limits.fileSize', 'limits.files', 'limits.parts'], defaultFileSize: null, filterOption: 'fileFilter', diskOptions: ['dest', 'storage'], diskByDefault: false,
    source: 'https://github.com/expressjs/multer#limits (every limit defaults to Infinity)',
  },
  {
    id: 'busboy', limitOptions: ['limits.fileSize', 'limits.files', 'limits.parts'], defaultFileSize: null, filterOption: null, diskOptions: [], diskByDefault: false,
    source: 'https://github.com/mscdex/busboy#exports (limits: fileSize Infinity, files Infinity by default)',
  },
  {
    id: 'formidable', limitOptions: ['maxFileSize', 'maxTotalFileSize', 'maxFiles'], defaultFileSize: 200 * 1024 * 1024, filterOption: 'filter', diskOptions: ['uploadDir'], diskByDefault: true,
    source: 'https://github.com/node-formidable/formidable#options (maxFileSize 200 MB, maxFiles Infinity by default; uploadDir defaults to os.tmpdir(), where each file is written)',
  },
  {
    // The plugin passes the server's `bodyLimit` (1 MiB unless the server says otherwise) as busboy's fileSize.
    id: '@fastify/multipart', limitOptions: ['limits.fileSize', 'limits.files', 'limits.parts'], defaultFileSize: 1024 * 1024, filterOption: null, diskOptions: [], diskByDefault: false,
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

/**
 * Where an upload's file name, as the client sent it, is read: the field of the file object that holds
 * it, and where those file objects come from. `basename`: the library keeps only the last component
 * of the name unless told otherwise (busboy's `preservePath`, false by default, which multer and
 * @fastify/multipart pass on), so the name cannot leave the directory it is joined to, though it still
 * chooses which file there is written.
 */
export interface UploadNameSource {
  library: string;
  /**
   * `request-field`: `req.<holder>` (multer's `req.file`, `req.files`); `request-call`: `request.<holder>()`
   * (`await request.file()`); `event`: parameter `param` of the callback of `.on('<holder>', ...)`;
   * `parse-callback`: parameter `param` of the callback given to `.<holder>(req, cb)` (formidable);
   * `decorator`: a parameter decorated `@<holder>()` of `package`.
   */
  kind: 'request-field' | 'request-call' | 'event' | 'parse-callback' | 'decorator';
  holder: string;
  param?: number;
  package?: string;
  /** The field of a file object that holds the client's name; '' when the parameter is the name itself. */
  field: string;
  basename: boolean;
  example: string;
  source: string;
}

const MULTER_FILE = 'https://github.com/expressjs/multer#file-information';
const BUSBOY_FILE = "https://github.com/mscdex/busboy#special-parser-stream-events (info.filename; basename unless preservePath)";
const FASTIFY_FILE = 'https://github.com/fastify/fastify-multipart#usage';
const FORMIDABLE_FILE = 'https://github.com/node-formidable/formidable#file (originalFilename: only a `\\` prefix is stripped)';
export const UPLOAD_NAME_SOURCES: readonly UploadNameSource[] = [
  ...['file', 'files'].map((holder) => ({
    library: 'multer', kind: 'request-field' as const, holder, field: 'originalname', basename: true,
    example: "fs.writeFile(path.join(dir, req.file.originalname), req.file.buffer, done)", source: MULTER_FILE,
  })),
  ...['UploadedFile', 'UploadedFiles'].map((holder) => ({
    library: 'multer', kind: 'decorator' as const, holder, package: '@nestjs/common', field: 'originalname', basename: true,
    example: 'upload(@UploadedFile() file: Express.Multer.File) { return write(file.originalname); }', source: 'https://docs.nestjs.com/techniques/file-upload',
  })),
  ...['file', 'files', 'parts', 'saveRequestFiles'].map((holder) => ({
    library: '@fastify/multipart', kind: 'request-call' as const, holder, field: 'filename', basename: true,
    example: 'const data = await request.file(); await pipeline(data.file, fs.createWriteStream(data.filename));', source: FASTIFY_FILE,
  })),
  { library: 'busboy', kind: 'event', holder: 'file', param: 2, field: 'filename', basename: true, example: "bb.on('file', (name, stream, info) => stream.pipe(fs.createWriteStream(info.filename)));", source: BUSBOY_FILE },
  // busboy before 1.0 handed the name itself as the third parameter.
  { library: 'busboy', kind: 'event', holder: 'file', param: 2, field: '', basename: true, example: "busboy.on('file', (field, stream, filename) => stream.pipe(fs.createWriteStream(filename)));", source: BUSBOY_FILE },
  { library: 'formidable', kind: 'parse-callback', holder: 'parse', param: 2, field: 'originalFilename', basename: false, example: "form.parse(req, (err, fields, files) => fs.rename(files.f.filepath, dir + files.f.originalFilename, done));", source: FORMIDABLE_FILE },
  { library: 'formidable', kind: 'parse-callback', holder: 'parse', param: 2, field: 'name', basename: false, example: "form.parse(req, (err, fields, files) => fs.rename(files.f.path, dir + files.f.name, done));", source: 'https://github.com/node-formidable/formidable/blob/v1.2.2/README.md#formidablefile' },
  // Hono's parseBody gives Web `File`s whose `name` is the part's filename as sent.
  { library: 'hono', kind: 'request-call', holder: 'parseBody', field: 'name', basename: false, example: "const body = await c.req.parseBody(); await Bun.write(dir + (body.file as File).name, body.file);", source: 'https://hono.dev/docs/api/request#parsebody' },
];

/** Text every upload name source leaves in a file that reads one. */
export function uploadNameWords(): string[] {
  return [...new Set(UPLOAD_NAME_SOURCES.map((s) => s.field).filter((f) => f !== '' && f !== 'name')), 'parseBody', "'file'", '"file"'];
}
