declare module 'frappe-gantt' {
  export interface GanttTask {
    id: string;
    name: string;
    start: string;
    end: string;
    progress?: number;
    dependencies?: string[] | string;
    custom_class?: string;
  }
  export interface PopupContext {
    task: GanttTask;
    set_title(html: string): void;
    set_subtitle(html: string): void;
    set_details(html: string): void;
  }
  export default class Gantt {
    constructor(
      element: HTMLElement | SVGElement | string,
      tasks: GanttTask[],
      options?: Record<string, unknown>,
    );
    change_view_mode(mode: string): void;
  }
}
