// Base images of Node services as Dockerfiles name them: the user a container of the image runs as
// when no `USER` says otherwise, and where the image's reference says which Node major it carries.
// An image not listed is not known: its default user and its Node version are then unknown.

export interface ImageReference {
  /** The repository without registry prefix `docker.io/`, `library/` or tag (`node`, `gcr.io/distroless/nodejs22-debian12`). */
  name: string;
  /** The tag, null when none (`latest`). */
  tag: string | null;
}

/** `node:18-alpine`, `docker.io/library/node:18`, `gcr.io/distroless/nodejs22-debian12:nonroot`, with a digest or without. */
export function imageReference(image: string): ImageReference {
  const ref = image.split('@')[0];
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > ref.lastIndexOf('/');
  const name = (hasTag ? ref.slice(0, colon) : ref).toLowerCase().replace(/^(docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)?(library\/)?/, '').replace(/^public\.ecr\.aws\/docker\/library\//, '');
  return { name, tag: hasTag ? ref.slice(colon + 1).toLowerCase() : null };
}

export interface ImageDefaultUser {
  /** The image repositories it applies to. */
  name: RegExp;
  /** Only for these tags; every tag when absent. */
  tag?: RegExp;
  /** The user the image's configuration sets, as `docker inspect` shows `Config.User` (empty is root). */
  user: string;
  root: boolean;
  example: string;
  source: string;
}

/** First match wins: tag-specific entries come before the image's general one. */
export const IMAGE_DEFAULT_USERS: readonly ImageDefaultUser[] = [
  { name: /^gcr\.io\/distroless\//, tag: /(^|-)nonroot$/, user: 'nonroot (uid 65532)', root: false, example: 'gcr.io/distroless/nodejs22-debian12:nonroot', source: 'https://github.com/GoogleContainerTools/distroless#debug-images ("nonroot" tags run as uid 65532)' },
  { name: /^gcr\.io\/distroless\//, user: 'root', root: true, example: 'gcr.io/distroless/nodejs22-debian12', source: 'https://github.com/GoogleContainerTools/distroless (images other than :nonroot run as root)' },
  { name: /^cgr\.dev\/chainguard\//, tag: /^(latest|[\d.]+)$/, user: 'nonroot (uid 65532)', root: false, example: 'cgr.dev/chainguard/node:latest', source: 'https://edu.chainguard.dev/chainguard/chainguard-images/ (Chainguard images run as a non-root user by default)' },
  { name: /^cgr\.dev\/chainguard\//, tag: /^latest$/, user: 'nonroot (uid 65532)', root: false, example: 'cgr.dev/chainguard/node', source: 'https://edu.chainguard.dev/chainguard/chainguard-images/' },
  { name: /^scratch$/, user: 'root (uid 0: the empty image sets no user)', root: true, example: 'scratch', source: 'https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch; https://docs.docker.com/reference/dockerfile/#user ("the default user is root")' },
  { name: /^(node|alpine|debian|ubuntu|busybox|oven\/bun|denoland\/deno|amazonlinux|fedora|centos|rockylinux|python)$/, user: 'root', root: true, example: 'node:22-alpine', source: 'https://github.com/nodejs/docker-node/blob/main/docs/BestPractices.md#non-root-user ("By default, Docker runs commands inside the container as root"; the node image provides a `node` user for `USER node`); https://docs.docker.com/reference/dockerfile/#user' },
];

/** The default user of a base image, or null when verdict does not know the image. */
export function imageDefaultUser(image: string): ImageDefaultUser | null {
  const ref = imageReference(image);
  const tag = ref.tag ?? 'latest';
  return IMAGE_DEFAULT_USERS.find((u) => u.name.test(ref.name) && (u.tag === undefined || u.tag.test(tag))) ?? null;
}

/** `USER` values that are root: the name, uid 0, with or without a group. */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === 'root' || name === '0';
}

/**
 * Tools a container's start runs to drop from root to another user before the service starts: the
 * image then starts as root on purpose (to fix volume ownership) and the service does not run as root.
 */
export const PRIVILEGE_DROPPERS: readonly string[] = ['gosu', 'su-exec', 'setpriv', 'runuser', 's6-setuidgid', 'chpst', 'setuidgid'];

export interface NodeImage {
  name: RegExp;
  /** Where the major is written: the image's tag (`node:18-alpine`) or its name (`distroless/nodejs18-debian11`). */
  in: 'tag' | 'name';
  example: string;
  source: string;
}

export const NODE_IMAGES: readonly NodeImage[] = [
  { name: /^node$/, in: 'tag', example: 'node:18-alpine', source: 'https://hub.docker.com/_/node (tags: <major>, <major>-alpine, <version>-bookworm-slim, <codename>)' },
  { name: /^(cimg\/node|bitnami\/node|circleci\/node|public\.ecr\.aws\/lambda\/nodejs|amazon\/aws-lambda-nodejs)$/, in: 'tag', example: 'public.ecr.aws/lambda/nodejs:18', source: 'https://gallery.ecr.aws/lambda/nodejs; https://hub.docker.com/r/cimg/node' },
  { name: /^gcr\.io\/distroless\/nodejs(\d+)-/, in: 'name', example: 'gcr.io/distroless/nodejs18-debian11', source: 'https://github.com/GoogleContainerTools/distroless/blob/main/nodejs/README.md (gcr.io/distroless/nodejs<major>-debian<n>)' },
  { name: /^registry\.access\.redhat\.com\/ubi\d+\/nodejs-(\d+)/, in: 'name', example: 'registry.access.redhat.com/ubi9/nodejs-18', source: 'https://catalog.redhat.com/software/containers/search?q=nodejs (ubi<n>/nodejs-<major>)' },
];

/** LTS codenames the official image tags with (`node:hydrogen-alpine`, `node:lts-iron`). */
export const NODE_CODENAMES: Readonly<Record<string, string>> = {
  argon: '4', boron: '6', carbon: '8', dubnium: '10', erbium: '12', fermium: '14', gallium: '16', hydrogen: '18', iron: '20', jod: '22', krypton: '24',
};

/** The Node major a base image reference carries, or null when it is no known Node image or names no version (`node:lts`). */
export function nodeMajorOfImage(image: string): string | null {
  const ref = imageReference(image);
  for (const n of NODE_IMAGES) {
    const m = n.name.exec(ref.name);
    if (!m) continue;
    if (n.in === 'name') return m[1] ?? null;
    if (ref.tag === null) return null;
    const v = /^v?(\d+)(?:$|[.-])/.exec(ref.tag);
    if (v) return v[1];
    const code = /^(?:lts-)?([a-z]+)(?:$|-)/.exec(ref.tag);
    return code ? (NODE_CODENAMES[code[1]] ?? null) : null;
  }
  return null;
}
