// Filled in by its layer.
export {};
