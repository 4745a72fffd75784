// Group scopes for stored inventories: a token scoped to groups reads (and references, and writes) an inventory only
// when every one of its devices is in one of those groups, so a stored inventory never shows a customer another's
// devices. Check packs and waiver sets name no devices of their own: every token reads them (docs/server.md).
import { inScope, type Scope } from "../db/store.js";

export function inventoryInScope(scope: Scope, deviceGroups: readonly (readonly string[])[] | null): boolean {
  return scope === null || (deviceGroups ?? []).every((groups) => inScope(scope, groups));
}
