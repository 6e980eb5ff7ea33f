/**
 * File kinds that hold no text a rule reads (images, fonts, media, archives, compiled code): the
 * collectors that read text ask not to have them read at all. A key file (`.pem`, `.key`, `.p8`) is
 * text and is read.
 */
export const BINARY_KIND = /\.(png|jpe?g|gif|webp|avif|ico|bmp|tiff?|psd|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|wasm|mp3|mp4|m4a|mov|avi|webm|ogg|wav|flac|pyc|pyo|o|a|node|sqlite3?|db)$/i;
