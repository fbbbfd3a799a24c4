// The one import wizard (decision 043): upload → preview with errors → commit → result.
export { ImportRunPanel, REFRESH_SECONDS } from "./run-panel.tsx";
export { WIZARD_STEPS, type WizardStep, WizardSteps } from "./steps.tsx";
export { ImportUploadStep } from "./upload-step.tsx";
