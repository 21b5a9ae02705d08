import type { Page } from "@playwright/test";
import { OWNER } from "./support/accounts";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { bothWidths, expect, searchFor, snapshot, test } from "./support/fixtures";
import { dismissToasts } from "./support/toasts";

test.beforeEach(async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(OWNER);
  await expect(page.getByRole("heading", { name: /Welcome back/ })).toBeVisible();
});

async function pickPerson(page: Page, search: string, name: string) {
  const dialog = page.getByRole("dialog", { name: /Add people to/ });
  await dialog.getByRole("searchbox", { name: "Search people to add" }).fill(search);
  await dialog.getByRole("checkbox", { name: new RegExp(name) }).check();
}

test("an admin creates a group, renames it, adds and removes people, and deletes it after reading what that does", async ({ page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
  await expect(page.getByRole("heading", { name: "Groups", level: 1 })).toBeVisible();

  // Create, with a field error first.
  await page.getByRole("button", { name: "New group" }).click();
  let dialog = page.getByRole("dialog", { name: "New group" });
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(dialog.getByText("Enter a name for the group.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Field Guides");
  await dialog.getByLabel("Description").fill("People who lead the field trips.");
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { name: "Field Guides", level: 1 })).toBeVisible();
  await expect(page.getByText("People who lead the field trips.")).toBeVisible();
  await expect(page.getByText("No members yet")).toBeVisible();

  // A taken name, in another case, is refused under the field.
  await page.goto("/groups");
  await page.getByRole("button", { name: "New group" }).click();
  dialog = page.getByRole("dialog", { name: "New group" });
  await dialog.getByLabel("Name").fill("FIELD guides");
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(dialog.getByText("A group named “Field Guides” already exists.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Rename.
  await page.getByRole("link", { name: "Field Guides" }).click();
  await page.getByRole("button", { name: "Edit details" }).click();
  dialog = page.getByRole("dialog", { name: "Edit Field Guides" });
  await dialog.getByLabel("Name").fill("Trail Guides");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: "Trail Guides", level: 1 })).toBeVisible();

  // Add two people found by search.
  await page.getByRole("button", { name: "Add people" }).click();
  await pickPerson(page, "yuki", "Yuki Sato");
  await pickPerson(page, "AL-SAYED", "Fatima Al-Sayed");
  await page.getByRole("dialog").getByRole("button", { name: "Add 2 people" }).click();
  await expect(page.getByText("Added to Trail Guides: 2 people.")).toBeVisible();
  await expect(page.getByText("2 people in this group.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Yuki Sato" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Fatima Al-Sayed" })).toBeVisible();
  await searchFor(page, "Search members by name or e-mail", "sato");
  await expect(page.getByText("1 member matches")).toBeVisible();
  await expect(page.getByRole("link", { name: "Fatima Al-Sayed" })).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Search members by name or e-mail" }).fill("");
  await expect(page.getByRole("link", { name: "Fatima Al-Sayed" })).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "group-detail");

  // The person page lists the group.
  await page.getByRole("link", { name: "Yuki Sato" }).click();
  await expect(page.getByRole("heading", { name: /Yuki Sato/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Trail Guides" })).toBeVisible();
  await dismissToasts(page);
  await bothWidths(page, "person-groups");
  await page.goBack();

  // Remove one.
  await page.getByRole("checkbox", { name: "Select Fatima Al-Sayed" }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Remove from group" }).click();
  dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("The group is not assigned to any app, so nothing changes in connected apps.");
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("Removed from Trail Guides: 1 person.")).toBeVisible();
  await expect(page.getByText("1 person in this group.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Fatima Al-Sayed" })).toHaveCount(0);

  // Add her back from the users list's selection.
  await page.goto("/users");
  await searchFor(page, "Search people by name or e-mail", "al-sayed");
  await page.getByRole("checkbox", { name: "Select Fatima Al-Sayed" }).check();
  await page.getByRole("region", { name: "Bulk actions" }).getByRole("button", { name: "Add to group…" }).click();
  dialog = page.getByRole("dialog", { name: "Add 1 person to a group" });
  await dialog.getByRole("searchbox", { name: "Search groups" }).fill("trail");
  await dialog.getByRole("radio", { name: /Trail Guides/ }).check();
  await snapshot(page, "users-add-to-group");
  await dialog.getByRole("button", { name: "Add to Trail Guides" }).click();
  await expect(page.getByText("Added to Trail Guides: 1 person.")).toBeVisible();

  // The list shows the group with its member count.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Groups" }).click();
  await searchFor(page, "Search groups by name", "TRAIL");
  const row = page.getByRole("row", { name: /Trail Guides/ });
  await expect(row.getByRole("cell").nth(1)).toHaveText("2");
  await expect(page.getByText("1 group matches")).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await bothWidths(page, "groups-list");

  // Delete, after a confirmation that says what happens.
  await row.getByRole("link", { name: "Trail Guides" }).click();
  await page.getByRole("button", { name: "Delete group…" }).click();
  dialog = page.getByRole("dialog", { name: "Delete Trail Guides?" });
  await expect(dialog).toContainText("Its 2 members leave the group and stay in the directory.");
  await expect(dialog).toContainText("It is not assigned to any app, so nothing changes in connected apps.");
  await snapshot(page, "group-delete-confirm");
  await dialog.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByText("Deleted Trail Guides.")).toBeVisible();
  await expect(page).toHaveURL(/\/groups$/);
  await expect(page.getByRole("link", { name: "Trail Guides" })).toHaveCount(0);

  // The audit log kept the story.
  await page.goto("/audit-log");
  for (const action of [
    "Deleted the group Trail Guides",
    "Added 2 people to Trail Guides",
    "Removed 1 person from Trail Guides",
    "Renamed the group Field Guides to Trail Guides",
    "Created the group Field Guides",
  ]) {
    await expect(page.getByRole("row").filter({ hasText: action }).first()).toBeVisible();
  }
});
