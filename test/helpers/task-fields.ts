/** The 9 hash fields of a task qtab enqueues: QTasks' 7 (qtasks-protocol.md §2), in order, then qtab's two. */
export const TASK_FIELDS = [
  'task_name',
  'priority',
  'args',
  'kwargs',
  'created_at',
  'updated_at',
  'status',
  'qtab_id',
  'qtab_fire',
]
