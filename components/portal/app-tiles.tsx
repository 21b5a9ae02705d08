import { LayoutGrid } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { MyApp } from "@/lib/directory/assignments/list-my-apps";
import { AppTile } from "./app-tile";

export function AppTiles({ apps }: { apps: readonly MyApp[] }) {
  if (apps.length === 0) {
    return (
      <Card>
        <EmptyState icon={LayoutGrid} title="No apps yet">
          When an admin gives you an app, or adds you to a group that has one, it appears here.
        </EmptyState>
      </Card>
    );
  }
  return (
    <ul aria-label="Your apps" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {apps.map((app) => (
        <AppTile key={app.appId} app={app} />
      ))}
    </ul>
  );
}
