/** What deleting people means outside Roster, said before the admin confirms. */
export function DeleteConsequences({ count, appCount }: { count: number; appCount: number }) {
  const who = count === 1 ? "this person" : `these ${count.toLocaleString("en-US")} people`;
  return (
    <>
      <p>Deleting removes {who} from the directory and ends their app assignments. This cannot be undone.</p>
      {appCount > 0 ? (
        <p>
          In connected apps whose <strong>Delete users</strong> action is on, their accounts are deleted too; in the other apps their accounts are left as they
          are. To only block access, deactivate instead.
        </p>
      ) : (
        <p>No applications are connected, so nothing changes outside Roster.</p>
      )}
    </>
  );
}
