/**
 * What an assertion says about a person: the NameID and the attribute statements, computed with the same
 * field mapping code as provisioning, so SSO and SCIM agree on who is who. Pure.
 */
import { mapValues, type MappingRule } from "../provisioning/mapping/build-scim-user";
import { readDirectoryField, type DirectoryPerson, type MappingContext } from "../provisioning/mapping/directory-fields";
import { applyTransforms } from "../provisioning/mapping/transforms";
import type { NameIdSource, SamlAttributeInput } from "./schemas";

/**
 * The NameID: with `userName`, the value provisioning sends as userName through the app's mapping (the
 * e-mail by default), falling back to the e-mail when the mapping has none; else the chosen directory field.
 */
export function nameIdValue(person: DirectoryPerson, source: NameIdSource, mapping: readonly MappingRule[], context: MappingContext): string | null {
  if (source === "userName") {
    const userNameRules = mapping.filter((rule) => rule.target === "userName");
    return mapValues(person, userNameRules, context).userName ?? (person.email.trim() || null);
  }
  return readDirectoryField(person, source, context)?.trim() || null;
}

export type AssertionAttribute = { name: string; value: string };

/** Each attribute statement's value for the person; empty values are left out, as provisioning leaves them out. */
export function attributeValues(person: DirectoryPerson, attributes: readonly SamlAttributeInput[], context: MappingContext): AssertionAttribute[] {
  return attributes.flatMap((attribute) => {
    const raw =
      attribute.hardcodedValue !== null
        ? attribute.hardcodedValue
        : attribute.sourceField
          ? attribute.transforms.length > 0
            ? applyTransforms(readDirectoryField(person, attribute.sourceField, context), attribute.transforms, person, context)
            : readDirectoryField(person, attribute.sourceField, context)
          : null;
    const value = raw?.trim();
    return value ? [{ name: attribute.name, value }] : [];
  });
}
