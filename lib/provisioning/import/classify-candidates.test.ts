import { describe, expect, it } from "vitest";
import type { DirectoryCandidate, RemoteUser } from "./candidate-types";
import { PRIMARY_EMAIL } from "../mapping/target-attributes";
import { classifyCandidates } from "./classify-candidates";

const remote = (over: Partial<RemoteUser> & { userName: string }): RemoteUser => ({
  remoteId: `r-${over.userName}`,
  externalId: null,
  email: over.userName,
  active: true,
  values: { userName: over.userName, title: "Engineer" },
  groups: [],
  ...over,
});
const person = (over: Partial<DirectoryCandidate> & { email: string }): DirectoryCandidate => ({
  id: `id-${over.email}`,
  assigned: false,
  values: { userName: over.email, title: "Engineer" },
  ...over,
});

const classify = (users: RemoteUser[], people: DirectoryCandidate[]) =>
  classifyCandidates(users, people).map((c) => ({
    user: c.remote?.userName ?? null,
    matched: c.matchedUserId,
    by: c.matchedBy,
    actions: c.actions,
    conflict: Boolean(c.conflict),
  }));

describe("classifyCandidates", () => {
  it.each<[string, RemoteUser[], DirectoryCandidate[], unknown[]]>([
    ["an active stranger is NEW", [remote({ userName: "new@x" })], [], [{ user: "new@x", matched: null, by: null, actions: ["NEW"], conflict: false }]],
    [
      "an inactive stranger is listed but not offered",
      [remote({ userName: "old@x", active: false })],
      [],
      [{ user: "old@x", matched: null, by: null, actions: [], conflict: false }],
    ],
    [
      "matched, assigned, same values: nothing to do",
      [remote({ userName: "a@x" })],
      [person({ email: "a@x", assigned: true })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: [], conflict: false }],
    ],
    [
      "matched but not assigned: ACTIVATE",
      [remote({ userName: "a@x" })],
      [person({ email: "a@x" })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["ACTIVATE"], conflict: false }],
    ],
    [
      "matched, not assigned, inactive in the app: nothing",
      [remote({ userName: "a@x", active: false })],
      [person({ email: "a@x" })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: [], conflict: false }],
    ],
    [
      "matched, assigned, inactive in the app: DEACTIVATE",
      [remote({ userName: "a@x", active: false })],
      [person({ email: "a@x", assigned: true })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["DEACTIVATE"], conflict: false }],
    ],
    [
      "assigned here, absent there: DEACTIVATE without a remote user",
      [],
      [person({ email: "gone@x", assigned: true }), person({ email: "free@x" })],
      [{ user: null, matched: "id-gone@x", by: null, actions: ["DEACTIVATE"], conflict: false }],
    ],
    [
      "a different title and not assigned: UPDATE and ACTIVATE",
      [remote({ userName: "a@x", values: { userName: "a@x", title: "Lead" } })],
      [person({ email: "a@x" })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["UPDATE", "ACTIVATE"], conflict: false }],
    ],
    [
      "a different title and inactive while assigned: UPDATE and DEACTIVATE",
      [remote({ userName: "a@x", active: false, values: { userName: "a@x", title: "Lead" } })],
      [person({ email: "a@x", assigned: true })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["UPDATE", "DEACTIVATE"], conflict: false }],
    ],
    [
      "user names match whatever their case",
      [remote({ userName: " A@X ", values: { userName: "A@X", title: "Engineer" } })],
      [person({ email: "a@x", assigned: true })],
      [{ user: " A@X ", matched: "id-a@x", by: "userName", actions: [], conflict: false }],
    ],
    [
      "externalId wins over userName",
      [remote({ userName: "b@x", externalId: "id-a@x" })],
      [person({ email: "a@x", assigned: true }), person({ email: "b@x", assigned: true })],
      [
        { user: "b@x", matched: "id-a@x", by: "externalId", actions: ["UPDATE"], conflict: false },
        { user: null, matched: "id-b@x", by: null, actions: ["DEACTIVATE"], conflict: false },
      ],
    ],
    [
      "the primary e-mail matches when the user name does not",
      [remote({ userName: "jdoe", email: "John@X" })],
      [person({ email: "john@x", assigned: true })],
      [{ user: "jdoe", matched: "id-john@x", by: "email", actions: ["UPDATE"], conflict: false }],
    ],
    [
      "no e-mail in the app and an unknown user name: NEW",
      [remote({ userName: "jdoe", email: null })],
      [person({ email: "john@x" })],
      [{ user: "jdoe", matched: null, by: null, actions: ["NEW"], conflict: false }],
    ],
    [
      "user name and e-mail point at two people: conflict",
      [remote({ userName: "a@x", email: "b@x" })],
      [person({ email: "a@x" }), person({ email: "b@x" })],
      [{ user: "a@x", matched: null, by: null, actions: [], conflict: true }],
    ],
    [
      "two app users claim one person: the second is a conflict",
      [remote({ userName: "a@x" }), remote({ userName: "other", email: "a@x" })],
      [person({ email: "a@x", assigned: true })],
      [
        { user: "a@x", matched: "id-a@x", by: "userName", actions: [], conflict: false },
        { user: "other", matched: null, by: null, actions: [], conflict: true },
      ],
    ],
  ])("%s", (_label, users, people, expected) => {
    expect(classify(users, people)).toEqual(expected);
  });

  it.each<[string, RemoteUser[], DirectoryCandidate[], unknown[]]>([
    [
      "a conflict between two assigned people unassigns neither",
      [remote({ userName: "a@x", email: "b@x" })],
      [person({ email: "a@x", assigned: true }), person({ email: "b@x", assigned: true })],
      [{ user: "a@x", matched: null, by: null, actions: [], conflict: true }],
    ],
    [
      "externalId is compared exactly",
      [remote({ userName: "zed", email: null, externalId: "ID-A@X" })],
      [person({ email: "a@x" })],
      [{ user: "zed", matched: null, by: null, actions: ["NEW"], conflict: false }],
    ],
    [
      "a primary e-mail differing only in case still matches",
      [remote({ userName: "jdoe", email: "A@X" })],
      [person({ email: "a@x" })],
      [{ user: "jdoe", matched: "id-a@x", by: "email", actions: ["UPDATE", "ACTIVATE"], conflict: false }],
    ],
    [
      "UPDATE alone: inactive in the app, not assigned, another title",
      [remote({ userName: "a@x", active: false, values: { userName: "a@x", title: "Lead" } })],
      [person({ email: "a@x" })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["UPDATE"], conflict: false }],
    ],
  ])("%s", (_label, users, people, expected) => {
    expect(classify(users, people)).toEqual(expected);
  });

  // A value differing only in letter case is not an update: importing it would change nothing but its spelling.
  it.each<[string, RemoteUser[], DirectoryCandidate[], unknown[], Record<string, unknown>]>([
    [
      "e-mail differing only in case, assigned: nothing to do",
      [remote({ userName: "a@x", values: { userName: "A@X", [PRIMARY_EMAIL]: "A@X", title: "Engineer" } })],
      [person({ email: "a@x", assigned: true, values: { userName: "a@x", [PRIMARY_EMAIL]: "a@x", title: "Engineer" } })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: [], conflict: false }],
      {},
    ],
    [
      "e-mail differing only in case, not assigned: ACTIVATE, not UPDATE",
      [remote({ userName: "Dana@X", email: "Dana@X", values: { userName: "Dana@X", [PRIMARY_EMAIL]: "Dana@X", title: "Engineer" } })],
      [person({ email: "dana@x", values: { userName: "dana@x", [PRIMARY_EMAIL]: "dana@x", title: "Engineer" } })],
      [{ user: "Dana@X", matched: "id-dana@x", by: "userName", actions: ["ACTIVATE"], conflict: false }],
      {},
    ],
    [
      "case-only e-mail and a real title change: UPDATE, the diff lists only the title",
      [remote({ userName: "a@x", values: { userName: "A@x", [PRIMARY_EMAIL]: "A@x", title: "Lead" } })],
      [person({ email: "a@x", assigned: true, values: { userName: "a@x", [PRIMARY_EMAIL]: "a@x", title: "Engineer" } })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["UPDATE"], conflict: false }],
      { title: { directory: "Engineer", app: "Lead" } },
    ],
    [
      "a display name differing in case is an update (only user names and e-mails ignore case)",
      [remote({ userName: "a@x", values: { userName: "a@x", displayName: "Ann Lee", title: "Engineer" } })],
      [person({ email: "a@x", assigned: true, values: { userName: "a@x", displayName: "ann lee", title: "Engineer" } })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["UPDATE"], conflict: false }],
      { displayName: { directory: "ann lee", app: "Ann Lee" } },
    ],
    [
      "another e-mail, not another case: UPDATE",
      [remote({ userName: "a@x", values: { userName: "a@x", [PRIMARY_EMAIL]: "ann@x", title: "Engineer" } })],
      [person({ email: "a@x", assigned: true, values: { userName: "a@x", [PRIMARY_EMAIL]: "a@x", title: "Engineer" } })],
      [{ user: "a@x", matched: "id-a@x", by: "userName", actions: ["UPDATE"], conflict: false }],
      { [PRIMARY_EMAIL]: { directory: "a@x", app: "ann@x" } },
    ],
  ])("case: %s", (_label, users, people, expected, diff) => {
    expect(classify(users, people)).toEqual(expected);
    expect(classifyCandidates(users, people)[0]!.diff).toEqual(diff);
  });

  it("gives the same answer every time for the same input", () => {
    const users = [remote({ userName: "a@x" }), remote({ userName: "other", email: "a@x" }), remote({ userName: "n@x" })];
    const people = [person({ email: "a@x", assigned: true }), person({ email: "gone@x", assigned: true })];
    expect(classifyCandidates(users, people)).toEqual(classifyCandidates(users, people));
  });

  it("describes the differences, and ignores attributes the app does not have", () => {
    const [candidate] = classifyCandidates(
      [remote({ userName: "a@x", values: { userName: "a@x", title: "Lead" } })],
      [person({ email: "a@x", values: { userName: "a@x", title: "Engineer", department: "Sales" } })],
    );
    expect(candidate?.diff).toEqual({ title: { directory: "Engineer", app: "Lead" } });
  });

  it("explains a conflict in plain words naming both people", () => {
    const [candidate] = classifyCandidates([remote({ userName: "a@x", email: "b@x" })], [person({ email: "a@x" }), person({ email: "b@x" })]);
    expect(candidate?.conflict).toBe("This user's username matches a@x and its e-mail matches b@x in the directory; Roster will not choose between them.");
  });

  // How fast is measured by `npm run bench -- import`, not here: a timed test fails on a busy machine.
  it("classifies 50,000 × 50,000", () => {
    const users = Array.from({ length: 50_000 }, (_, i) => remote({ userName: `u${i}@x` }));
    const people = Array.from({ length: 50_000 }, (_, i) => person({ email: `u${i + 25_000}@x`, assigned: i % 2 === 0 }));
    const result = classifyCandidates(users, people);
    expect(result.filter((c) => c.actions.includes("NEW"))).toHaveLength(25_000);
  });
});
