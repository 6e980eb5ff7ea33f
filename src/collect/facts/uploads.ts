// collect/uploads: a multipart upload parser the code makes (knowledge/uploads): `multer({...})`,
// `FileInterceptor('file', {...})`, `busboy({...})`, `formidable({...})`, `app.register(multipart, {...})`,
// `MulterModule.register({...})`, with what its options say about limits, filtering and storage, and the
// routes of the same file it is given to. Facts only: whether that is bounded enough is the rule's.
import { defineFacts, type FactOf, type RecordOf } from './define.js';

export const uploadFacts = defineFacts('collect/uploads', (z) => z.strictObject({
  line: z.number().int().positive(),
  snippet: z.string(),
  /** The library whose options and defaults apply (knowledge/uploads `UploadLibrary.id`). */
  library: z.string(),
  /** The export as `package#export[.member]`. */
  via: z.string(),
  shape: z.enum(['factory', 'interceptor', 'plugin', 'module-defaults']),
  /**
   * The limit options it is given (`limits.fileSize`, `maxFileSize`) with a finite value; `null` when its
   * options could not be read (a value from another file, a spread of something unreadable).
   */
  limits: z.array(z.string()).nullable(),
  /** Limit options given as unbounded (`fileSize: Infinity`). */
  unbounded: z.array(z.string()),
  /** Whether it is given a file filter option; null when its options could not be read. */
  fileFilter: z.boolean().nullable(),
  /** Whether it writes files to disk (`dest`, `storage: diskStorage(...)`); null when not decidable. */
  disk: z.boolean().nullable(),
  /**
   * The lines of this file's route registrations it is given to, directly, through a variable
   * (`upload.single('f')`) or as the function that makes it (as a route's `line` says: the method name's line).
   */
  routeLines: z.array(z.number().int().positive()),
  /** A NestJS controller whose every route it applies to (`@UseInterceptors` on the class). */
  controller: z.string().optional(),
  /** The name the file exports it under (`export const upload = multer(...)`; `default`), for routes of other files. */
  exported: z.string().optional(),
}));
export type UploadParser = FactOf<typeof uploadFacts>;
export type UploadParserRecord = RecordOf<typeof uploadFacts>;
