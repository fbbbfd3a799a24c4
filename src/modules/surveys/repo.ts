import { formRepo } from "./forms.repo.ts";
import { linkRepo } from "./links.repo.ts";
import { responseRepo } from "./responses.repo.ts";
import { sampleRepo } from "./samples.repo.ts";

/**
 * All of the module's queries in one object, for the demo seed only (it writes invented
 * responses directly; moving it onto the service is part of the boundary work). The module
 * itself uses the repository of each sub-resource.
 */
export const surveyRepo = { ...formRepo, ...responseRepo, ...linkRepo, ...sampleRepo };
