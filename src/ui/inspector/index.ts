export { Inspector, InspectorLayout } from './Inspector';
export { DeleteConfirmation, deleteTargetOf } from './DeleteConfirmation';
