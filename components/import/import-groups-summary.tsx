import { CardHeader } from "@/components/ui/card";

interface GroupCount {
  name: string;
  rows: number;
}

interface Props {
  joins: GroupCount[];
  newGroups: GroupCount[];
  newGroupRows: number;
  completed: boolean;
  createMissingGroups: boolean;
}

const people = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "person" : "people"}`;

/** The groups a file's Groups column names: those the people join, and names of groups that don't exist yet. */
export function ImportGroupsSummary({ joins, newGroups, newGroupRows, completed, createMissingGroups }: Props) {
  return (
    <>
      <CardHeader
        title="Groups"
        description={
          completed
            ? "The groups the file named, and how many of its people each one was for."
            : "The groups the file names; apps assigned to a group are given to the people who join it."
        }
      />
      <div className="grid gap-6 px-6 py-5 text-sm sm:grid-cols-2">
        <section aria-labelledby="groups-joined">
          <h3 id="groups-joined" className="font-medium text-zinc-900">
            {completed ? "Existing groups joined" : "Existing groups to join"}
          </h3>
          {joins.length === 0 ? (
            <p className="mt-1 text-zinc-500">None.</p>
          ) : (
            <ul className="mt-1 space-y-0.5 text-zinc-700">
              {joins.map((group) => (
                <li key={group.name}>
                  <span className="font-medium text-zinc-900">{group.name}</span>: {people(group.rows)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="groups-unknown">
          <h3 id="groups-unknown" className="font-medium text-zinc-900">
            Groups that don&apos;t exist yet
          </h3>
          {newGroups.length === 0 ? (
            <p className="mt-1 text-zinc-500">None: every group the file names exists.</p>
          ) : (
            <>
              <ul className="mt-1 space-y-0.5 text-zinc-700">
                {newGroups.map((group) => (
                  <li key={group.name}>
                    <span className="font-medium text-zinc-900">{group.name}</span>: named by {people(group.rows)}
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-zinc-500">
                {completed
                  ? createMissingGroups
                    ? "They were created."
                    : `They were not created, so the ${newGroupRows.toLocaleString("en-US")} rows naming them were not imported (see below).`
                  : `${newGroupRows.toLocaleString("en-US")} ${newGroupRows === 1 ? "row names" : "rows name"} them: choose above whether to create them.`}
              </p>
            </>
          )}
        </section>
      </div>
    </>
  );
}
