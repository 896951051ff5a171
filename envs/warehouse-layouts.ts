// The four Warehouse Tool Delivery layouts (specs/envs.md §2.1–2.2, §2.8): rooms, humans, robots.

export interface WarehouseLayout {
  readonly name: string;
  /** phase durations of each human (4 phases each) */
  readonly humans: readonly (readonly number[])[];
  /** waypoints shared by all mobile robots: workshop 0..H−1, then the tool-room wait spot */
  readonly shared: readonly (readonly [number, number])[];
  /** each mobile robot's own table spot (waypoint index H + 1) */
  readonly tables: readonly (readonly [number, number])[];
  /** start positions of the mobile robots */
  readonly starts: readonly (readonly [number, number])[];
  readonly manipulator: readonly [number, number];
  /** copies of each tool type the manipulator can find */
  readonly copiesPerTool: number;
  /** WTD-S rules: timeout after W + 1 waiting steps, late only below zero, state holds remaining time */
  readonly singleRoomRules: boolean;
  /** mobiles whose pass is checked when it starts (reference quirk: WTD-T1 checks only mobiles 0 and 1) */
  readonly passStartChecked: number;
  /** the reference class defines get_state(); false for WTD-T1 (the proposed 39-value state is used) */
  readonly referenceState: boolean;
}

export const WAREHOUSE_LAYOUTS = {
  'wtd-s': {
    name: 'WTD-S', humans: [[20, 20, 20, 20]],
    shared: [[6.0, 3.0], [2.5, 3.5]], tables: [[0.8, 3.0], [1.2, 3.0]],
    starts: [[3.0, 1.5], [3.0, 2.5]], manipulator: [0.9, 1.8],
    copiesPerTool: 1, singleRoomRules: true, passStartChecked: 2, referenceState: true,
  },
  'wtd-d': {
    name: 'WTD-D', humans: [[27, 20, 20, 20], [27, 20, 20, 20]],
    shared: [[6.0, 3.0], [6.0, 2.0], [3.0, 2.5]], tables: [[1.2, 3.7], [1.2, 1.3]],
    starts: [[3.0, 3.5], [3.0, 1.5]], manipulator: [0.9, 2.5],
    copiesPerTool: 2, singleRoomRules: false, passStartChecked: 2, referenceState: true,
  },
  'wtd-t': {
    name: 'WTD-T', humans: [[40, 40, 40, 40], [40, 40, 40, 40], [40, 40, 40, 40]],
    shared: [[6.0, 3.0], [8.0, 3.0], [8.0, 2.0], [3.0, 2.5]], tables: [[1.2, 3.7], [1.2, 1.3]],
    starts: [[3.0, 3.5], [3.0, 1.5]], manipulator: [0.9, 2.5],
    copiesPerTool: 3, singleRoomRules: false, passStartChecked: 2, referenceState: true,
  },
  'wtd-t1': {
    name: 'WTD-T1', humans: [[38, 38, 38, 38], [38, 38, 38, 38], [27, 27, 27, 27]],
    shared: [[6.0, 3.0], [8.0, 3.0], [8.0, 2.0], [3.0, 2.5]], tables: [[0.8, 3.7], [1.2, 3.7], [1.2, 1.3]],
    starts: [[3.0, 4.0], [3.0, 2.5], [3.0, 1.0]], manipulator: [0.9, 2.5],
    copiesPerTool: 3, singleRoomRules: false, passStartChecked: 2, referenceState: false,
  },
} as const satisfies Record<string, WarehouseLayout>;

export type WarehouseId = keyof typeof WAREHOUSE_LAYOUTS;
