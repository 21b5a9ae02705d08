import { AppWindow, ShieldCheck, Users, UsersRound } from "lucide-react";
import { StatCard } from "@/components/app/stat-card";

interface OverviewStatsProps {
  people: { total: number; active: number; inactive: number };
  groups: number;
  admins: number;
  /** Absent for an admin who may not see apps. */
  apps?: { total: number; ACTIVE: number; PAUSED: number; QUARANTINED: number; DRAFT: number };
}

const NUMBER = new Intl.NumberFormat("en-US");

/** "2 active · 1 quarantined": the app states that have any apps, in words. */
function appStates(apps: NonNullable<OverviewStatsProps["apps"]>): string {
  if (apps.total === 0) return "None added yet";
  const parts = [
    [apps.ACTIVE, "active"],
    [apps.PAUSED, "paused"],
    [apps.QUARANTINED, "quarantined"],
    [apps.DRAFT, "not configured"],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, label]) => `${NUMBER.format(count)} ${label}`)
    .join(" · ");
}

export function OverviewStats({ people, groups, admins, apps }: OverviewStatsProps) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
      <StatCard
        label="People"
        value={people.total}
        icon={Users}
        href="/users"
        detail={`${NUMBER.format(people.active)} active · ${NUMBER.format(people.inactive)} deactivated`}
      />
      <StatCard
        label="Groups"
        value={groups}
        icon={UsersRound}
        href="/groups"
        detail={groups === 0 ? "None yet" : "Assign a group to give its members an app"}
      />
      <StatCard label="Admins" value={admins} icon={ShieldCheck} detail="Owners and admins" />
      {apps ? <StatCard label="Applications" value={apps.total} icon={AppWindow} href="/applications" detail={appStates(apps)} /> : null}
    </div>
  );
}
