// The writer is compiled with the build (the bench writes DICOM files too); tests import it from here.
export * from '../../cli/simulate/dicom-writer.js';
