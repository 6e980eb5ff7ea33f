// The names a JavaScript runtime defines before any code runs: reading one that no scope declares is
// not a ReferenceError. ECMAScript's own globals, Node's, the web platform's that Node, Deno, Bun and
// Cloudflare Workers share, and the browser's (a module of a web app runs there). Environments named
// in `/* eslint-env */` comments add theirs.

const ECMASCRIPT = [
  'globalThis', 'undefined', 'NaN', 'Infinity', 'arguments', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape',
  'Object', 'Function', 'Boolean', 'Symbol', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError',
  'SyntaxError', 'TypeError', 'URIError', 'Number', 'BigInt', 'Math', 'Date', 'String', 'RegExp', 'Array',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'WeakRef', 'FinalizationRegistry', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'JSON', 'Promise',
  'Proxy', 'Reflect', 'Intl', 'Iterator', 'SuppressedError', 'DisposableStack', 'AsyncDisposableStack',
];

const NODE = [
  'global', 'process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename',
  'setImmediate', 'clearImmediate', 'queueMicrotask',
];

/** What Node (18+), Deno, Bun and Cloudflare Workers all provide from the web platform. */
const WEB_COMMON = [
  'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'structuredClone', 'atob', 'btoa',
  'fetch', 'Request', 'Response', 'Headers', 'FormData', 'Blob', 'File', 'URL', 'URLSearchParams', 'URLPattern',
  'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'CustomEvent', 'MessageChannel', 'MessagePort',
  'MessageEvent', 'BroadcastChannel', 'TextEncoder', 'TextDecoder', 'TextEncoderStream', 'TextDecoderStream',
  'ReadableStream', 'WritableStream', 'TransformStream', 'ReadableStreamDefaultReader', 'WritableStreamDefaultWriter',
  'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'CompressionStream', 'DecompressionStream',
  'crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto', 'performance', 'Performance', 'WebAssembly', 'WebSocket',
  'navigator', 'DOMException', 'self', 'caches', 'Cache', 'CacheStorage', 'scheduler', 'reportError',
  'PerformanceObserver', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'EventSource', 'Navigator',
  // Cloudflare Workers' own.
  'HTMLRewriter', 'WebSocketPair', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'FetchEvent', 'ScheduledEvent',
];

/** The browser's (window properties that are plainly browser APIs; see BROWSER_AMBIGUOUS for the others). */
const BROWSER = [
  'window', 'document', 'location', 'history', 'localStorage', 'sessionStorage', 'indexedDB', 'alert', 'confirm', 'prompt',
  'XMLHttpRequest', 'FileReader', 'Image', 'Audio', 'Option', 'HTMLElement', 'Element', 'Node', 'NodeList', 'Document',
  'DocumentFragment', 'Text', 'DOMParser', 'XMLSerializer', 'MutationObserver', 'IntersectionObserver', 'ResizeObserver',
  'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'getComputedStyle',
  'matchMedia', 'screen', 'innerWidth', 'innerHeight', 'outerWidth', 'outerHeight', 'scrollX', 'scrollY', 'pageXOffset',
  'pageYOffset', 'devicePixelRatio', 'scrollTo', 'scrollBy', 'scroll', 'Notification', 'Worker', 'SharedWorker',
  'ServiceWorker', 'CSS', 'KeyboardEvent', 'MouseEvent', 'PointerEvent', 'TouchEvent', 'FocusEvent', 'InputEvent',
  'UIEvent', 'ErrorEvent', 'ProgressEvent', 'HTMLInputElement', 'HTMLFormElement', 'HTMLCanvasElement', 'HTMLImageElement',
  'HTMLAnchorElement', 'HTMLButtonElement', 'HTMLDivElement', 'HTMLSelectElement', 'HTMLTextAreaElement', 'SVGElement',
  'Range', 'Selection', 'getSelection', 'customElements', 'visualViewport', 'speechSynthesis', 'Intl', 'print',
  'postMessage', 'frames', 'clientInformation', 'origin', 'isSecureContext', 'crossOriginIsolated', 'trustedTypes',
];

/**
 * Window properties with everyday names (`name`, `status`, `top`, `event`, `open`): globals only in a
 * browser. Read in server code they are the usual undeclared-variable mistake, so they count as known
 * only in a file that runs in a browser.
 */
export const BROWSER_AMBIGUOUS: ReadonlySet<string> = new Set([
  'name', 'status', 'top', 'parent', 'event', 'length', 'open', 'close', 'closed', 'opener', 'external', 'stop', 'find', 'focus', 'blur', 'defaultStatus',
]);

/** `/* eslint-env x *\/` environments and the globals each adds (the ones a server or its tools name). */
export const ESLINT_ENVS: Readonly<Record<string, readonly string[]>> = {
  node: NODE, commonjs: ['require', 'module', 'exports'], browser: [...BROWSER, ...BROWSER_AMBIGUOUS], worker: WEB_COMMON,
  serviceworker: ['clients', 'registration', 'skipWaiting', 'importScripts'], es6: [], es2015: [], es2017: [], es2020: [], es2021: [], es2022: [], es2024: [], shared_node_browser: [],
  jquery: ['$', 'jQuery'], mongo: ['db', 'ObjectId', 'ISODate', 'print', 'printjson', 'load', 'use'],
  mocha: ['describe', 'it', 'before', 'after', 'beforeEach', 'afterEach', 'context', 'specify', 'xit', 'xdescribe'],
  jest: ['describe', 'it', 'test', 'expect', 'jest', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach'],
};

/**
 * Runtimes that are recognised by what a module imports and that define globals of their own: a k6 load
 * test (`import http from 'k6/http'`) reads `__ENV` and `__VU`, which k6 defines.
 */
export const RUNTIMES_BY_IMPORT: ReadonlyArray<{ module: RegExp; globals: readonly string[]; source: string }> = [
  { module: /^k6(\/|$)/, globals: ['__ENV', '__VU', '__ITER', 'open'], source: 'https://grafana.com/docs/k6/latest/using-k6/environment-variables/ (__ENV), https://grafana.com/docs/k6/latest/using-k6/execution-context-variables/ (__VU, __ITER)' },
];

/** Names every runtime verdict audits defines (a browser file adds BROWSER_AMBIGUOUS). */
export const JS_GLOBALS: ReadonlySet<string> = new Set([...ECMASCRIPT, ...NODE, ...WEB_COMMON, ...BROWSER]);

export const JS_GLOBALS_SOURCE = 'https://tc39.es/ecma262/#sec-global-object; https://nodejs.org/api/globals.html; https://developers.cloudflare.com/workers/runtime-apis/web-standards/; https://html.spec.whatwg.org/multipage/nav-history-apis.html#the-window-object; https://eslint.org/docs/latest/use/configure/language-options-deprecated#specifying-environments';
