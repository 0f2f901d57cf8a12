// The share link codec (fflate's deflate and inflate) in a chunk of its own: loaded when a link is
// made or opened, never on a plain start.
export { decodeShareFragment, encodeShareFragment } from '../../engine';
