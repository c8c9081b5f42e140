// A test double of WPS 表格's object model (window.Application and the global `wps`), shaped by wps-jsapi's
// lib.et.d.ts (EtApplication, EtWorkbook, EtSheets, EtWorksheet, EtRange, EtInterior) and the add-in services of its
// index.d.ts (CreateTaskPane, GetTaskPane, PluginStorage, FileSystem). Backed by a plain workbook snapshot.
// Every property read or write and every method call is a call into the WPS process: each one is counted
// (state.calls, state.byMember), as the Excel double counts syncs. Loaded by Node tests (require) and, after
// excel-double.js (whose address helpers it uses), as an init script by the browser tests.
/* eslint-disable */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./excel-double.js"));
  else root.WpsDouble = factory(root.ExcelDouble);
})(typeof self !== "undefined" ? self : this, function (helpers) {
  "use strict";
  var colLetters = helpers.colLetters;
  var parseCell = helpers.parseCell;
  var parseRange = helpers.parseRange;

  var XL_NONE = -4142;
  var XL_SOLID = 1;
  var XL_CALC_AUTOMATIC = -4105;
  var WHITE = 16777215;
  var ERROR_CODES = { "#NULL!": 2000, "#DIV/0!": 2007, "#VALUE!": 2015, "#REF!": 2023, "#NAME?": 2029, "#NUM!": 2036, "#N/A": 2042 };

  /** COM hands an error value over as the HRESULT 0x800A0000 | code (a negative 32-bit number). */
  function errorNumber(text) {
    return (0x800a0000 | (ERROR_CODES[text] || 2015)) | 0;
  }
  function bgrOfHex(hex) {
    var n = parseInt(String(hex).replace(/^#/, ""), 16);
    return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
  }
  function isErr(v) {
    return v !== null && typeof v === "object" && typeof v.error === "string";
  }

  function createWpsDouble(snapshot, options) {
    options = options || {};
    var state = {
      calls: 0,
      byMember: {}, // "EtRange.Value2=" -> count
      failNext: null, // an exception message the next call throws (WPS refusing a call)
      sheets: [], // {name, visible, cells: Map "r,c" -> {v, f, nf, fill}}
      active: null,
      selected: null, // {sheet, cell}
      screenUpdating: true,
      calculation: XL_CALC_AUTOMATIC,
      enableEvents: true,
      writes: [], // {sheet, cell, member, value, screenUpdating, calculation}
      saveAs: [], // GetSaveAsFilename calls: {initial, filter, title}
      saveAsAnswer: undefined, // what the dialog returns: a path, false (cancelled), or undefined = the offered path
      files: {}, // path -> binary string written through FileSystem.writeAsBinaryString
      storage: {}, // PluginStorage
      panes: [], // task panes: {ID, url, title, Visible, DockPosition, Width}
      workbookName: (snapshot && snapshot.name) || "工作簿1.xlsx",
      workbookPath: (snapshot && snapshot.path) || "/home/财务/预算公开",
      noWorkbook: Boolean(options.noWorkbook),
      original: new Map(), // "sheet!r,c" -> value: a formula put back gets its cached result back (no calc engine)
    };
    (snapshot && snapshot.sheets ? snapshot.sheets : []).forEach(function (s) {
      var sh = newSheet(s.name);
      sh.visible = s.visible === undefined ? -1 : s.visible;
      (s.rows || []).forEach(function (row, r) {
        (row || []).forEach(function (v, c) {
          if (v === null || v === undefined || v === "") return;
          ensure(sh, r, c).v = v;
        });
      });
      (s.formulas || []).forEach(function (row, r) {
        (row || []).forEach(function (f, c) {
          if (!f) return;
          var x = ensure(sh, r, c);
          x.f = f;
          state.original.set(s.name + "!" + r + "," + c, x.v);
        });
      });
      (s.numberFormats || []).forEach(function (row, r) {
        (row || []).forEach(function (nf, c) {
          if (nf) ensure(sh, r, c).nf = nf;
        });
      });
      sh.merges = (s.merges || []).map(parseRange);
      (s.fills || []).forEach(function (fl) {
        var p = parseCell(fl.cell);
        var color = typeof fl.color === "number" ? fl.color : bgrOfHex(fl.color);
        var pattern = typeof fl.pattern === "number" ? fl.pattern : XL_SOLID;
        ensure(sh, p.row, p.col).fill = { color: color, pattern: pattern, patternColor: fl.patternColor === undefined ? 0 : fl.patternColor };
      });
      state.sheets.push(sh);
    });
    state.active = (snapshot && snapshot.active) || (state.sheets[0] ? state.sheets[0].name : null);
    if (snapshot && snapshot.storage) state.storage = JSON.parse(JSON.stringify(snapshot.storage));

    function newSheet(name) {
      var sh = new helpers.Sheet(name); // cells: Map "r,c" -> {v, f, nf, fill}, as in the Excel double
      sh.visible = -1;
      return sh;
    }
    function ensure(sh, r, c) {
      return sh.ensure(r, c);
    }
    function findSheet(name) {
      for (var i = 0; i < state.sheets.length; i++) if (state.sheets[i].name === name) return state.sheets[i];
      return null;
    }

    /** One call into WPS: counted, and refused when a failure was asked for. */
    function tick(member) {
      state.calls++;
      state.byMember[member] = (state.byMember[member] || 0) + 1;
      if (state.failNext) {
        var msg = state.failNext;
        state.failNext = null;
        throw new Error(msg);
      }
    }
    /** Defines counted members on an object: props {name: {get, set}}, methods {name: fn}. */
    function members(obj, type, props, methods) {
      Object.keys(props || {}).forEach(function (name) {
        var p = props[name];
        Object.defineProperty(obj, name, {
          enumerable: true,
          get: function () {
            tick(type + "." + name);
            if (!p.get) throw new Error(type + "." + name + " is write-only");
            return p.get();
          },
          set: function (v) {
            tick(type + "." + name + "=");
            if (!p.set) throw new Error(type + "." + name + " is read-only");
            p.set(v);
          },
        });
      });
      Object.keys(methods || {}).forEach(function (name) {
        var fn = methods[name];
        Object.defineProperty(obj, name, {
          enumerable: true,
          value: function () {
            tick(type + "." + name + "()");
            return fn.apply(null, arguments);
          },
        });
      });
      return obj;
    }

    // Cell content as COM gives it: Value2 (numbers, text, booleans, error codes, undefined when empty) and Formula.
    function value2Of(x) {
      if (!x || x.v === null || x.v === undefined) return undefined;
      if (isErr(x.v)) return errorNumber(x.v.error);
      return x.v;
    }
    function formulaOf(x) {
      if (!x) return "";
      if (x.f) return x.f;
      if (x.v === null || x.v === undefined) return "";
      if (isErr(x.v)) return x.v.error;
      if (typeof x.v === "boolean") return x.v ? "TRUE" : "FALSE";
      return String(x.v);
    }
    function writeCell(sh, r, c, input, member) {
      var x = ensure(sh, r, c);
      state.writes.push({ sheet: sh.name, cell: colLetters(c) + (r + 1), member: member, value: input, screenUpdating: state.screenUpdating, calculation: state.calculation });
      if (x.nf === "@" && input !== null && input !== undefined) {
        // A text-formatted cell keeps what is typed as text, "=…" included.
        x.f = null;
        x.v = String(input) === "" ? null : String(input);
      } else if (typeof input === "string" && input.charAt(0) === "'") {
        x.f = null;
        x.v = input.slice(1);
      } else if (typeof input === "string" && input.charAt(0) === "=") {
        x.f = input;
        var o = state.original.get(sh.name + "!" + r + "," + c);
        x.v = o === undefined ? null : o;
      } else if (typeof input === "string" && ERROR_CODES[input] !== undefined) {
        x.f = null;
        x.v = { error: input };
      } else if (typeof input === "string" && input.trim() !== "" && !isNaN(Number(input))) {
        x.f = null;
        x.v = Number(input);
      } else if (input === "" || input === null || input === undefined) {
        x.f = null;
        x.v = null;
      } else {
        x.f = null;
        x.v = input;
      }
    }

    function makeRange(sh, box) {
      function each(fn) {
        for (var r = box.r0; r <= box.r1; r++) for (var c = box.c0; c <= box.c1; c++) fn(r, c);
      }
      function read(fn) {
        if (box.r0 === box.r1 && box.c0 === box.c1) return fn(sh.cells.get(box.r0 + "," + box.c0));
        var out = [];
        for (var r = box.r0; r <= box.r1; r++) {
          var row = [];
          for (var c = box.c0; c <= box.c1; c++) row.push(fn(sh.cells.get(r + "," + c)));
          out.push(row);
        }
        return out;
      }
      function write(member) {
        return function (v) {
          var single = !Array.isArray(v);
          each(function (r, c) {
            var input = single ? v : v[r - box.r0] ? v[r - box.r0][c - box.c0] : undefined;
            writeCell(sh, r, c, input, member);
          });
        };
      }
      function address() {
        var a = colLetters(box.c0) + (box.r0 + 1);
        return box.r0 === box.r1 && box.c0 === box.c1 ? a : a + ":" + colLetters(box.c1) + (box.r1 + 1);
      }
      function first() {
        return sh.cells.get(box.r0 + "," + box.c0) || null;
      }
      var interior = members({}, "EtInterior", {
        Color: {
          get: function () {
            var x = first();
            return x && x.fill ? x.fill.color : WHITE;
          },
          set: function (v) {
            each(function (r, c) {
              var x = ensure(sh, r, c);
              x.fill = { color: v, pattern: x.fill && x.fill.pattern !== XL_NONE ? x.fill.pattern : XL_SOLID, patternColor: x.fill ? x.fill.patternColor : 0 };
            });
          },
        },
        Pattern: {
          get: function () {
            var x = first();
            return x && x.fill ? x.fill.pattern : XL_NONE;
          },
          set: function (v) {
            each(function (r, c) {
              var x = ensure(sh, r, c);
              x.fill = v === XL_NONE ? null : { color: x.fill ? x.fill.color : WHITE, pattern: v, patternColor: x.fill ? x.fill.patternColor : 0 };
            });
          },
        },
        PatternColor: {
          get: function () {
            var x = first();
            return x && x.fill ? x.fill.patternColor : 0;
          },
          set: function (v) {
            each(function (r, c) {
              var x = ensure(sh, r, c);
              if (x.fill) x.fill.patternColor = v;
            });
          },
        },
        ColorIndex: {
          get: function () {
            var x = first();
            return x && x.fill ? 1 : XL_NONE;
          },
          set: function (v) {
            if (v !== XL_NONE) throw new Error("double: only ColorIndex = xlNone is modelled");
            each(function (r, c) {
              ensure(sh, r, c).fill = null;
            });
          },
        },
      });
      var count = function (n) {
        return members({}, "EtRange", { Count: { get: function () { return n; } } });
      };
      return members(
        {},
        "EtRange",
        {
          Row: { get: function () { return box.r0 + 1; } },
          Column: { get: function () { return box.c0 + 1; } },
          Rows: { get: function () { return count(box.r1 - box.r0 + 1); } },
          Columns: { get: function () { return count(box.c1 - box.c0 + 1); } },
          Value2: { get: function () { return read(value2Of); }, set: write("Value2") },
          Formula: { get: function () { return read(formulaOf); }, set: write("Formula") },
          Interior: { get: function () { return interior; } },
          NumberFormat: {
            get: function () {
              var x = first();
              return (x && x.nf) || "General";
            },
            set: function (v) {
              each(function (r, c) {
                ensure(sh, r, c).nf = v;
              });
            },
          },
          // False when no cell of the range is merged, true when all are, null when some are (as COM's VARIANT).
          MergeCells: {
            get: function () {
              var n = 0, merged = 0;
              each(function (r, c) {
                n++;
                if (mergeAt(sh, r, c)) merged++;
              });
              return merged === 0 ? false : merged === n ? true : null;
            },
          },
          MergeArea: {
            get: function () {
              if (box.r0 !== box.r1 || box.c0 !== box.c1) throw new Error("MergeArea applies to a single cell");
              return makeRange(sh, mergeAt(sh, box.r0, box.c0) || box);
            },
          },
          WrapText: { get: function () { return false; }, set: function () {} },
          ColumnWidth: { get: function () { return 8.38; }, set: function () {} },
          VerticalAlignment: { get: function () { return -4107; }, set: function () {} },
        },
        {
          // As COM: absolute ("$A$1:$B$2") unless asked otherwise.
          Address: function (rowAbs, colAbs) {
            var ra = rowAbs === undefined || rowAbs ? "$" : "";
            var ca = colAbs === undefined || colAbs ? "$" : "";
            var cellAt = function (r, c) { return ca + colLetters(c) + ra + (r + 1); };
            var a = cellAt(box.r0, box.c0);
            return box.r0 === box.r1 && box.c0 === box.c1 ? a : a + ":" + cellAt(box.r1, box.c1);
          },
          Select: function () {
            // As in WPS and Excel: a range can be selected only on the active sheet.
            if (state.active !== sh.name) throw new Error("Select method of Range class failed");
            state.selected = { sheet: sh.name, cell: address() };
            return true;
          },
          ClearContents: function () {
            each(function (r, c) {
              var x = sh.cells.get(r + "," + c);
              if (x) {
                x.v = null;
                x.f = null;
              }
            });
            return true;
          },
        },
      );
    }

    function mergeAt(sh, r, c) {
      for (var i = 0; i < sh.merges.length; i++) {
        var m = sh.merges[i];
        if (r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1) return m;
      }
      return null;
    }

    function usedBox(sh) {
      // Like Excel, WPS counts formatted cells in UsedRange; an empty sheet's is A1.
      return sh.used(false) || { r0: 0, c0: 0, r1: 0, c1: 0 };
    }

    var sheetObjects = new Map();
    function worksheet(sh) {
      if (sheetObjects.has(sh)) return sheetObjects.get(sh);
      var ws = members(
        {},
        "EtWorksheet",
        {
          Name: {
            get: function () { return sh.name; },
            set: function (v) {
              if (findSheet(v) && findSheet(v) !== sh) throw new Error("sheet name already in use: " + v);
              if (state.active === sh.name) state.active = v;
              sh.name = v;
            },
          },
          Index: { get: function () { return state.sheets.indexOf(sh) + 1; } },
          Visible: { get: function () { return sh.visible; }, set: function (v) { sh.visible = v; } },
          UsedRange: { get: function () { return makeRange(sh, usedBox(sh)); } },
        },
        {
          Range: function (a) {
            return makeRange(sh, parseRange(String(a).replace(/\$/g, "")));
          },
          Activate: function () {
            if (sh.visible !== -1 && sh.visible !== true) throw new Error("cannot activate a hidden sheet");
            state.active = sh.name;
            return true;
          },
        },
      );
      sheetObjects.set(sh, ws);
      return ws;
    }

    var sheetsObj = members(
      {},
      "EtSheets",
      { Count: { get: function () { return state.sheets.length; } } },
      {
        Item: function (i) {
          var sh = typeof i === "number" ? state.sheets[i - 1] : findSheet(i);
          if (!sh) throw new Error("Subscript out of range: " + i);
          return worksheet(sh);
        },
        Add: function (before, after) {
          var n = state.sheets.length + 1;
          while (findSheet("Sheet" + n)) n++;
          var sh = newSheet("Sheet" + n);
          var at = state.sheets.length;
          var ref = after || before;
          if (ref) {
            var idx = state.sheets.findIndex(function (s) { return worksheet(s) === ref; });
            if (idx >= 0) at = after ? idx + 1 : idx;
          }
          state.sheets.splice(at, 0, sh);
          state.active = sh.name; // WPS activates the sheet it adds
          return worksheet(sh);
        },
      },
    );

    var workbook = members({}, "EtWorkbook", {
      Name: { get: function () { return state.workbookName; } },
      Path: { get: function () { return state.workbookPath; } },
      Worksheets: { get: function () { return sheetsObj; } },
      ActiveSheet: { get: function () { var sh = findSheet(state.active); return sh ? worksheet(sh) : null; } },
    });

    var storage = members({}, "PluginStorage", {}, {
      getItem: function (k) {
        return Object.prototype.hasOwnProperty.call(state.storage, k) ? state.storage[k] : null;
      },
      setItem: function (k, v) {
        state.storage[k] = v;
      },
      removeItem: function (k) {
        delete state.storage[k];
      },
    });
    var addinMethods = {
      CreateTaskPane: function (url, title) {
        var pane = { ID: state.panes.length + 1, url: url, title: title, Visible: false, DockPosition: 0, Width: 300 };
        state.panes.push(pane);
        return pane;
      },
      GetTaskPane: function (id) {
        return state.panes.find(function (p) { return p.ID === Number(id); }) || null;
      },
    };
    var fileSystem = members({}, "FileSystem", {}, {
      writeAsBinaryString: function (path, data) {
        state.files[path] = data;
        return true;
      },
      Exists: function (path) {
        return Object.prototype.hasOwnProperty.call(state.files, path);
      },
    });

    var Application = members(
      {},
      "EtApplication",
      {
        Name: { get: function () { return "WPS 表格"; } },
        ActiveWorkbook: { get: function () { return state.noWorkbook ? null : workbook; } },
        Workbooks: { get: function () { return members({}, "EtWorkbooks", { Count: { get: function () { return state.noWorkbook ? 0 : 1; } } }); } },
        ScreenUpdating: { get: function () { return state.screenUpdating; }, set: function (v) { state.screenUpdating = Boolean(v); } },
        Calculation: { get: function () { return state.calculation; }, set: function (v) { state.calculation = v; } },
        EnableEvents: { get: function () { return state.enableEvents; }, set: function (v) { state.enableEvents = Boolean(v); } },
        PluginStorage: { get: function () { return storage; } },
      },
      Object.assign(
        {
          GetSaveAsFilename: function (initial, filter, index, title) {
            state.saveAs.push({ initial: initial, filter: filter, title: title });
            return state.saveAsAnswer === undefined ? initial : state.saveAsAnswer;
          },
        },
        addinMethods,
      ),
    );
    var wps = members({}, "wps", {
      PluginStorage: { get: function () { return storage; } },
      FileSystem: { get: function () { return fileSystem; } },
    }, addinMethods);

    function cell(sheetName, a) {
      var sh = findSheet(sheetName);
      if (!sh) return null;
      var p = parseCell(a);
      var x = sh.cells.get(p.row + "," + p.col);
      return x ? { v: x.v, f: x.f, nf: x.nf, fill: x.fill } : { v: null, f: null, nf: null, fill: null };
    }
    function sheetNames() {
      return state.sheets.map(function (s) { return s.name; });
    }
    function sheetVisibility(name) {
      var sh = findSheet(name);
      return sh ? sh.visible : null;
    }
    /** The workbook as a snapshot to start a new double from (a reopened pane sees the same workbook). */
    function exportState() {
      var sheets = state.sheets.map(function (sh) {
        var out = helpers.exportSheet(sh);
        out.visible = sh.visible;
        return out;
      });
      return { name: state.workbookName, path: state.workbookPath, active: state.active, sheets: sheets, storage: JSON.parse(JSON.stringify(state.storage)) };
    }

    return { Application: Application, wps: wps, state: state, cell: cell, sheetNames: sheetNames, sheetVisibility: sheetVisibility, exportState: exportState };
  }

  return { createWpsDouble: createWpsDouble };
});
