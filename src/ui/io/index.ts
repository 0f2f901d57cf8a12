export { DesignIoProvider, useDesignIo, useSession } from './context';
export type { DesignIo } from './designIo';
export { DesignFileMenus, DesignShareMenus } from './IoToolbar';
export { IoLayer } from './IoLayer';
export { startDesignIo } from './startDesignIo';
export type { SeedFiles } from './startDesignIo';
