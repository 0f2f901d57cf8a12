export { Inspector } from './Inspector';
export { DeleteConfirmation, deleteTargetOf } from './DeleteConfirmation';
