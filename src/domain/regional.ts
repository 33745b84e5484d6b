/**
 * The regional view: for a set of municipalities (a municipality and its neighbours, or a
 * region the user composes), per basisfunctie which members have it 'goed voor elkaar', which
 * basisfuncties no member covers (the gaps, 'leemten'), and which member could help which
 * other. The minister's letter asks municipalities to find these gaps together with the
 * municipalities around them.
 *
 * Members the viewer may not see by name are never named: they appear in counts only, and a
 * count of fewer than `minUnnamed` of them is not shown at all (so a small region cannot
 * reveal one municipality's results by subtraction).
 */

/** One basisfunctie of the instrument, in the order the view lists them. */
export interface RegionBasisfunctie {
  readonly questionnaire: string;
  readonly id: string;
  readonly name: string;
  readonly official: boolean;
}

/** A member's result for one basisfunctie; absent when it did not respond. */
export interface RegionMark {
  readonly questionnaire: string;
  readonly basisfunctie: string;
  /** The mark, or null when too few items were answered. */
  readonly mark: number | null;
  /** The band id, or null without a mark. */
  readonly band: string | null;
  readonly goed: boolean;
}

export interface RegionMember {
  readonly code: string;
  readonly name: string;
  /** Whether the viewer may see this member by name (and so its results). */
  readonly named: boolean;
  readonly marks: readonly RegionMark[];
}

export interface RegionInput {
  readonly basisfuncties: readonly RegionBasisfunctie[];
  readonly members: readonly RegionMember[];
  /**
   * The smallest number of unnamed members whose counts may be shown; below it (but above
   * zero) they are hidden. 0 or 1 shows every count.
   */
  readonly minUnnamed: number;
}

/** Members in one state for one basisfunctie: the named ones by name, the others as a count. */
export interface MemberGroup {
  /** Names of the named members, in the order of the input. */
  readonly named: readonly string[];
  /** How many unnamed members; null when hidden because there are too few unnamed members. */
  readonly unnamed: number | null;
}

export interface RegionRow extends RegionBasisfunctie {
  readonly goed: MemberGroup;
  /** Members with a mark below 'goed voor elkaar'. */
  readonly notGoed: MemberGroup;
  /** Members without a mark (no response, or too few items answered). */
  readonly noMark: MemberGroup;
  /**
   * No member has it goed voor elkaar; null when that cannot be said without revealing the
   * results of hidden members (no named member has it goed, and unnamed counts are hidden).
   */
  readonly gap: boolean | null;
}

export interface RegionView {
  readonly rows: readonly RegionRow[];
  /** The rows no member covers (gap true). */
  readonly gaps: readonly RegionRow[];
  /** Who could help whom, as plain Dutch sentences. */
  readonly sentences: readonly string[];
  /** Per member, the number of official basisfuncties goed (for the map). */
  readonly officialGoed: ReadonlyMap<string, number>;
  /** Whether counts of unnamed members are hidden (too few of them). */
  readonly unnamedHidden: boolean;
}

/** 'A', 'A en B', 'A, B en C'. */
export function joinDutch(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} en ${parts.at(-1) ?? ''}`;
}

/** What the needing member's band says, after 'waar deze basisfunctie'. */
function describeNeed(band: string | null): string {
  switch (band) {
    case 'aandacht-nodig':
      return 'aandacht nodig heeft';
    case 'op-de-goede-weg':
      return 'op de goede weg is';
    default:
      return 'nog niet goed voor elkaar is';
  }
}

/**
 * The subject of a help sentence: named helpers and a number of unnamed ones, with the verb
 * forms that go with it ('heeft … kan' for one, 'hebben … kunnen' for more).
 */
function describeHelpers(
  named: readonly string[],
  unnamed: number,
): { who: string; has: string; can: string } {
  const total = named.length + unnamed;
  const others =
    unnamed === 0
      ? []
      : [
          named.length === 0
            ? unnamed === 1
              ? 'Een andere gemeente in de regio'
              : `${unnamed} andere gemeenten in de regio`
            : unnamed === 1
              ? 'een andere gemeente in de regio'
              : `${unnamed} andere gemeenten in de regio`,
        ];
  return {
    who: joinDutch([...named, ...others]),
    has: total === 1 ? 'heeft' : 'hebben',
    can: total === 1 ? 'kan' : 'kunnen',
  };
}

/**
 * Computes the regional view.
 *
 * Per basisfunctie a member is 'goed' when its mark reaches the goed band, 'not goed' when it
 * has a lower mark, and 'no mark' otherwise. A basisfunctie is a gap when no member has it
 * goed. For the named members that have a mark but not goed, one sentence per band names
 * them and the members that could help them: "Gouda heeft ‘Informatie’ goed voor elkaar en kan Bodegraven helpen,
 * waar deze basisfunctie aandacht nodig heeft." Unnamed members that need help are counted
 * in one sentence per basisfunctie, and only when at least one helper is named (a sentence
 * with neither side named tells nothing). Unnamed helpers are counted, never named; when their
 * counts are hidden (too few), sentences mention the named helpers only.
 *
 * @example
 * computeRegion({ basisfuncties: [info], minUnnamed: 0, members: [
 *   { code: '0513', name: 'Gouda', named: true, marks: [{ …, basisfunctie: 'informatie', mark: 7, band: 'goed-voor-elkaar', goed: true }] },
 *   { code: '1901', name: 'Bodegraven', named: true, marks: [{ …, mark: 3, band: 'aandacht-nodig', goed: false }] },
 * ] }).sentences
 * // ['Gouda heeft ‘Informatie’ goed voor elkaar en kan Bodegraven helpen, waar deze basisfunctie aandacht nodig heeft.']
 */
export function computeRegion(input: RegionInput): RegionView {
  const unnamedCount = input.members.filter((member) => !member.named).length;
  const unnamedHidden = unnamedCount > 0 && unnamedCount < input.minUnnamed;
  const markOf = (member: RegionMember, basisfunctie: RegionBasisfunctie) =>
    member.marks.find(
      (mark) =>
        mark.questionnaire === basisfunctie.questionnaire && mark.basisfunctie === basisfunctie.id,
    );
  const group = (members: readonly RegionMember[]): MemberGroup => ({
    named: members.filter((m) => m.named).map((m) => m.name),
    unnamed: unnamedHidden ? null : members.filter((m) => !m.named).length,
  });

  const sentences: string[] = [];
  const rows = input.basisfuncties.map((basisfunctie): RegionRow => {
    const goed: RegionMember[] = [];
    const notGoed: RegionMember[] = [];
    const noMark: RegionMember[] = [];
    for (const member of input.members) {
      const mark = markOf(member, basisfunctie);
      if (!mark || mark.mark === null) noMark.push(member);
      else if (mark.goed) goed.push(member);
      else notGoed.push(member);
    }
    if (goed.length > 0) {
      const namedHelpers = goed.filter((m) => m.named).map((m) => m.name);
      const unnamedHelpers = unnamedHidden ? 0 : goed.length - namedHelpers.length;
      if (namedHelpers.length + unnamedHelpers > 0) {
        const helpers = describeHelpers(namedHelpers, unnamedHelpers);
        const title = `‘${basisfunctie.name}’`;
        // One sentence per band of need, naming every named member in it.
        const byNeed = new Map<string, string[]>();
        for (const member of notGoed.filter((m) => m.named)) {
          const need = describeNeed(markOf(member, basisfunctie)?.band ?? null);
          byNeed.set(need, [...(byNeed.get(need) ?? []), member.name]);
        }
        for (const [need, names] of byNeed) {
          sentences.push(
            `${helpers.who} ${helpers.has} ${title} goed voor elkaar en ${helpers.can} ${joinDutch(names)} helpen, waar deze basisfunctie ${need}.`,
          );
        }
        const unnamedNeeding = notGoed.filter((m) => !m.named).length;
        if (!unnamedHidden && unnamedNeeding > 0 && namedHelpers.length > 0) {
          const named = describeHelpers(namedHelpers, 0);
          sentences.push(
            `${named.who} ${named.has} ${title} goed voor elkaar en ${named.can} ${unnamedNeeding === 1 ? 'een andere gemeente in de regio' : `${unnamedNeeding} andere gemeenten in de regio`} helpen, waar deze basisfunctie nog niet goed voor elkaar is.`,
          );
        }
      }
    }
    return {
      ...basisfunctie,
      goed: group(goed),
      notGoed: group(notGoed),
      noMark: group(noMark),
      gap: goed.some((m) => m.named) ? false : unnamedHidden ? null : goed.length === 0,
    };
  });

  const officialGoed = new Map<string, number>();
  for (const member of input.members) {
    officialGoed.set(
      member.code,
      input.basisfuncties.filter((b) => b.official && markOf(member, b)?.goed === true).length,
    );
  }
  return {
    rows,
    gaps: rows.filter((row) => row.gap === true),
    sentences,
    officialGoed,
    unnamedHidden,
  };
}
