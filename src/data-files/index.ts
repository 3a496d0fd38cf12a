export { compileDataFiles, listDataFiles } from "./compile-data-files.js";
export {
  COMPILED_DIR,
  type CompiledDataFile,
  DATA_DIR,
  type ReadDataOptions,
  readDataFile,
} from "./read-data-file.js";
