/**
 * The small-group rule: a figure about a group of municipalities says little about the group
 * and much about each member when the group is small, so a municipality account does not see
 * group figures over fewer than five municipalities. Coordinators and advisors, who may read
 * the members' answers anyway, do.
 */

/** The fewest municipalities a group figure may be computed over for a municipality account. */
export const MIN_GROUP_SIZE = 5;

/**
 * Whether a group figure over `count` municipalities may be shown.
 *
 * @example mayDisclose(4, { smallGroups: false }) // false
 * @example mayDisclose(4, { smallGroups: true })  // true
 */
export function mayDisclose(count: number, audience: { readonly smallGroups: boolean }): boolean {
  return audience.smallGroups || count >= MIN_GROUP_SIZE;
}
