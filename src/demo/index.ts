export { DEMO_DOCUMENTS, DEMO_SCENARIO, DEMO_WORKSPACE, type DemoSeed, seedDemo } from "./seed-demo.js";
