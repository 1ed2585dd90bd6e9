/** Consilium's version, as package.json says (a unit test keeps the two equal); recorded in lineage and hellos. */
export const CONSILIUM_VERSION = '0.1.0';
