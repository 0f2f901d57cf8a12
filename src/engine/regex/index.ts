export { hasRe2, loadRe2, mayNeedRe2, type Re2 } from './re2';
