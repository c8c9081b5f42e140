// A test double of the parts of office.js/Excel the add-in uses, backed by a plain workbook snapshot.
// Loaded by Node tests (require) and, served as office.js, by the browser tests. It queues every
// call and runs the queue on context.sync(), like Excel, and counts the syncs.
/* eslint-disable */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.ExcelDouble = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function colLetters(c) {
    var s = "";
    var n = c + 1;
    while (n > 0) {
      var m = (n - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function parseCell(a) {
    var m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a);
    if (!m) throw officeError("InvalidArgument", "bad address " + a);
    var col = 0;
    var letters = m[1].toUpperCase();
    for (var i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  }
  function parseRange(a) {
    var parts = a.split(":");
    var s = parseCell(parts[0]);
    var e = parts[1] ? parseCell(parts[1]) : s;
    return { r0: s.row, c0: s.col, r1: e.row, c1: e.col };
  }
  function officeError(code, message) {
    var e = new Error(message || code);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code: code, message: message || code };
    return e;
  }
  function isErr(v) {
    return v !== null && typeof v === "object" && typeof v.error === "string";
  }

  function Sheet(name) {
    this.name = name;
    this.cells = new Map(); // "r,c" -> {v, f, nf, fill}
    this.merges = []; // {r0, c0, r1, c1}, as parseRange gives them
  }
  Sheet.prototype.get = function (r, c) {
    return this.cells.get(r + "," + c) || null;
  };
  Sheet.prototype.ensure = function (r, c) {
    var k = r + "," + c;
    var x = this.cells.get(k);
    if (!x) {
      x = { v: null, f: null, nf: null, fill: null };
      this.cells.set(k, x);
    }
    return x;
  };
  Sheet.prototype.used = function (valuesOnly) {
    var r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    this.cells.forEach(function (x, k) {
      var has = x.v !== null || x.f !== null || (!valuesOnly && (x.nf !== null || x.fill !== null));
      if (!has) return;
      var p = k.split(",");
      var r = Number(p[0]), c = Number(p[1]);
      if (r < r0) r0 = r;
      if (c < c0) c0 = c;
      if (r > r1) r1 = r;
      if (c > c1) c1 = c;
    });
    return r1 < 0 ? null : { r0: r0, c0: c0, r1: r1, c1: c1 };
  };

  /** A sheet of either double (cells: Map "r,c" -> {v, f, nf, fill}) as a snapshot to start a double from. */
  function exportSheet(sh) {
    var rows = [], formulas = [], numberFormats = [], fills = [];
    sh.cells.forEach(function (x, k) {
      var p = k.split(",");
      var r = Number(p[0]), c = Number(p[1]);
      if (x.v !== null) (rows[r] = rows[r] || [])[c] = x.v;
      if (x.f !== null) (formulas[r] = formulas[r] || [])[c] = x.f;
      if (x.nf !== null) (numberFormats[r] = numberFormats[r] || [])[c] = x.nf;
      if (x.fill) fills.push({ cell: colLetters(c) + (r + 1), color: x.fill.color, pattern: x.fill.pattern, patternColor: x.fill.patternColor });
    });
    var dense = function (a) {
      var out = [];
      for (var i = 0; i < a.length; i++) {
        var row = a[i] || [];
        var o = [];
        for (var j = 0; j < row.length; j++) o.push(row[j] === undefined ? null : row[j]);
        out.push(o);
      }
      return out;
    };
    var merges = sh.merges.map(function (m) {
      return colLetters(m.c0) + (m.r0 + 1) + ":" + colLetters(m.c1) + (m.r1 + 1);
    });
    return { name: sh.name, rows: dense(rows), formulas: dense(formulas), numberFormats: dense(numberFormats), fills: fills, merges: merges };
  }

  function createExcelDouble(snapshot, options) {
    options = options || {};
    var state = {
      syncs: 0,
      runs: 0,
      suspendCalls: 0,
      selected: null,
      active: null,
      sheets: [],
      settings: {},
      savedSettings: 0,
      requests: [], // one entry per sync: number of queued actions
      writes: [], // {sheet, cell, kind, value}
      original: new Map(), // "sheet!r,c" -> {f, v}: cached results for formulas put back by undo
      workbookName: (snapshot && snapshot.name) || "工作簿1.xlsx",
      failNext: null, // an Office error code the next sync fails with
    };
    if (snapshot && snapshot.settings) Object.keys(snapshot.settings).forEach(function (k) {
      state.settings[k] = snapshot.settings[k];
    });
    (snapshot && snapshot.sheets ? snapshot.sheets : []).forEach(function (s) {
      var sh = new Sheet(s.name);
      (s.rows || []).forEach(function (row, r) {
        (row || []).forEach(function (v, c) {
          if (v === null || v === undefined || v === "") return;
          sh.ensure(r, c).v = v;
        });
      });
      (s.formulas || []).forEach(function (row, r) {
        (row || []).forEach(function (f, c) {
          if (!f) return;
          var x = sh.ensure(r, c);
          x.f = f;
          state.original.set(s.name + "!" + r + "," + c, { f: f, v: x.v });
        });
      });
      (s.numberFormats || []).forEach(function (row, r) {
        (row || []).forEach(function (nf, c) {
          if (!nf) return;
          sh.ensure(r, c).nf = nf;
        });
      });
      sh.merges = (s.merges || []).map(parseRange);
      (s.fills || []).forEach(function (fl) {
        var p = parseCell(fl.cell);
        sh.ensure(p.row, p.col).fill = { color: fl.color, pattern: fl.pattern || "Solid", patternColor: fl.patternColor || null };
      });
      state.sheets.push(sh);
    });
    state.active = state.sheets[0] ? state.sheets[0].name : null;

    function findSheet(name) {
      for (var i = 0; i < state.sheets.length; i++) if (state.sheets[i].name === name) return state.sheets[i];
      return null;
    }

    function writeCell(sheet, r, c, input, kind) {
      var x = sheet.ensure(r, c);
      state.writes.push({ sheet: sheet.name, cell: colLetters(c) + (r + 1), kind: kind, value: input });
      if (typeof input === "string" && input.charAt(0) === "'") {
        x.f = null;
        x.v = input.slice(1);
      } else if (typeof input === "string" && input.charAt(0) === "=") {
        x.f = input;
        var o = state.original.get(sheet.name + "!" + r + "," + c);
        x.v = o && o.f === input ? o.v : null; // no calc engine: a restored formula gets its original result back
      } else if (typeof input === "string" && /^#(REF!|DIV\/0!|N\/A|VALUE!|NAME\?|NUM!|NULL!)$/.test(input)) {
        x.f = null;
        x.v = { error: input };
      } else if (typeof input === "string" && input !== "" && !isNaN(Number(input.replace(/,/g, "")))) {
        x.f = null;
        x.v = Number(input.replace(/,/g, ""));
      } else if (input === "" || input === null) {
        x.f = null;
        x.v = null;
      } else {
        x.f = null;
        x.v = input;
      }
    }

    function Context() {
      this.queue = [];
      this.done = 0; // syncs completed in this context
      var ctx = this;
      this.workbook = new Workbook(ctx);
      this.application = {
        suspendApiCalculationUntilNextSync: function () {
          ctx.queue.push(function () {
            state.suspendCalls++;
          });
        },
      };
    }
    Context.prototype.sync = function () {
      var ctx = this;
      var q = this.queue;
      this.queue = [];
      state.syncs++;
      state.requests.push(q.length);
      return new Promise(function (resolve, reject) {
        setTimeout(function () {
          if (state.failNext) {
            // Simulates Excel refusing a batch (e.g. the user is typing in a cell).
            var code = state.failNext;
            state.failNext = null;
            reject(officeError(code, code));
            return;
          }
          try {
            for (var i = 0; i < q.length; i++) q[i]();
            ctx.done++;
            resolve();
          } catch (e) {
            reject(e);
          }
        }, options.latency || 0);
      });
    };

    function Loadable(ctx) {
      this._ctx = ctx;
      this._loaded = {};
      this._bornAt = ctx.done;
    }
    Loadable.prototype._get = function (p) {
      // Like office.js, isNullObject is known after any sync without being loaded.
      if (p === "isNullObject" && !(p in this._loaded) && this._ctx.done > this._bornAt) return this._read(p);
      if (!(p in this._loaded)) throw officeError("PropertyNotLoaded", "The property '" + p + "' is not available. Before reading the property's value, call the load method.");
      return this._loaded[p];
    };
    Loadable.prototype.load = function (props) {
      var self = this;
      var list = typeof props === "string" ? props.split(",").map(function (s) { return s.trim(); }) : props || [];
      this._ctx.queue.push(function () {
        list.forEach(function (p) {
          self._loaded[p] = self._read(p);
        });
      });
      return this;
    };
    function def(proto, props) {
      props.forEach(function (p) {
        Object.defineProperty(proto, p, {
          get: function () {
            return this._get(p);
          },
          configurable: true,
        });
      });
    }

    function Workbook(ctx) {
      Loadable.call(this, ctx);
      this.worksheets = new Worksheets(ctx);
      this.application = ctx.application;
    }
    Workbook.prototype = Object.create(Loadable.prototype);
    Workbook.prototype._read = function (p) {
      if (p === "name") return state.workbookName;
      throw officeError("InvalidArgument", p);
    };
    def(Workbook.prototype, ["name"]);

    function Worksheets(ctx) {
      Loadable.call(this, ctx);
    }
    Worksheets.prototype = Object.create(Loadable.prototype);
    Worksheets.prototype.load = function () {
      var self = this;
      this._ctx.queue.push(function () {
        self._loaded.items = state.sheets.map(function (s) {
          var ws = new Worksheet(self._ctx, s.name);
          ws._loaded.name = s.name;
          return ws;
        });
      });
      return this;
    };
    def(Worksheets.prototype, ["items"]);
    Worksheets.prototype.getItem = function (name) {
      return new Worksheet(this._ctx, name);
    };
    Worksheets.prototype.getItemOrNullObject = function (name) {
      return new Worksheet(this._ctx, name, true);
    };
    Worksheets.prototype.add = function (name) {
      this._ctx.queue.push(function () {
        if (findSheet(name)) throw officeError("ItemAlreadyExists", name);
        state.sheets.push(new Sheet(name));
      });
      return new Worksheet(this._ctx, name);
    };

    function Worksheet(ctx, name, orNull) {
      Loadable.call(this, ctx);
      this._name = name;
      this._orNull = !!orNull;
    }
    Worksheet.prototype = Object.create(Loadable.prototype);
    Worksheet.prototype._sheet = function () {
      var s = findSheet(this._name);
      if (!s) throw officeError("ItemNotFound", "worksheet " + this._name);
      return s;
    };
    Worksheet.prototype._read = function (p) {
      if (p === "isNullObject") return !findSheet(this._name);
      if (p === "name") return this._sheet().name;
      throw officeError("InvalidArgument", p);
    };
    def(Worksheet.prototype, ["isNullObject", "name"]);
    Worksheet.prototype.activate = function () {
      var self = this;
      this._ctx.queue.push(function () {
        state.active = self._sheet().name;
      });
    };
    Worksheet.prototype.getRange = function (address) {
      return new Range(this._ctx, this, address || null, false);
    };
    Worksheet.prototype.getUsedRangeOrNullObject = function (valuesOnly) {
      return new Range(this._ctx, this, null, true, !!valuesOnly);
    };

    function Range(ctx, ws, address, used, valuesOnly) {
      Loadable.call(this, ctx);
      this._ws = ws;
      this._address = address;
      this._used = used;
      this._valuesOnly = valuesOnly;
      var self = this;
      var fill = {
        clear: function () {
          self._each(function (x) {
            x.fill = null;
          }, true);
        },
      };
      Object.defineProperty(fill, "color", {
        set: function (v) {
          self._each(function (x) {
            x.fill = { color: v, pattern: "Solid", patternColor: null };
          }, true);
        },
      });
      this.format = { fill: fill };
      ["wrapText", "columnWidth", "verticalAlignment"].forEach(function (p) {
        Object.defineProperty(self.format, p, { set: function () {} });
      });
    }
    Range.prototype = Object.create(Loadable.prototype);
    Range.prototype._box = function () {
      if (this._used && this._ws._orNull && !findSheet(this._ws._name)) return null; // null object chain
      var sheet = this._ws._sheet();
      if (this._used) return sheet.used(this._valuesOnly);
      if (!this._address) return { r0: 0, c0: 0, r1: 1048575, c1: 16383, all: true };
      return parseRange(this._address);
    };
    Range.prototype._each = function (fn, queued) {
      var self = this;
      var run = function () {
        var sheet = self._ws._sheet();
        var b = self._box();
        if (!b) return;
        if (b.all) {
          sheet.cells.forEach(function (x) {
            fn(x);
          });
          return;
        }
        for (var r = b.r0; r <= b.r1; r++) for (var c = b.c0; c <= b.c1; c++) fn(sheet.ensure(r, c), r, c, sheet);
      };
      if (queued) this._ctx.queue.push(run);
      else run();
    };
    Range.prototype._grid = function (fn) {
      var sheet = this._ws._sheet();
      var b = this._box();
      var out = [];
      for (var r = b.r0; r <= b.r1; r++) {
        var row = [];
        for (var c = b.c0; c <= b.c1; c++) row.push(fn(sheet.get(r, c)));
        out.push(row);
      }
      return out;
    };
    Range.prototype._read = function (p) {
      if (p === "isNullObject") return this._used ? !this._box() : false;
      var b = this._box();
      if (!b) return null;
      switch (p) {
        case "rowIndex":
          return b.r0;
        case "columnIndex":
          return b.c0;
        case "address":
          return this._ws._name + "!" + colLetters(b.c0) + (b.r0 + 1) + ":" + colLetters(b.c1) + (b.r1 + 1);
        case "values":
          return this._grid(function (x) {
            if (!x || x.v === null) return "";
            return isErr(x.v) ? x.v.error : x.v;
          });
        case "formulas":
          return this._grid(function (x) {
            if (!x) return "";
            if (x.f) return x.f;
            if (x.v === null) return "";
            return isErr(x.v) ? x.v.error : x.v;
          });
        case "numberFormat":
          return this._grid(function (x) {
            return (x && x.nf) || "General";
          });
        case "valueTypes":
          return this._grid(function (x) {
            if (!x || x.v === null) return "Empty";
            if (isErr(x.v)) return "Error";
            if (typeof x.v === "number") return "Double";
            if (typeof x.v === "boolean") return "Boolean";
            return "String";
          });
      }
      throw officeError("InvalidArgument", p);
    };
    def(Range.prototype, ["isNullObject", "rowIndex", "columnIndex", "address", "values", "formulas", "numberFormat", "valueTypes"]);
    function setter(kind) {
      return function (grid) {
        var self = this;
        this._ctx.queue.push(function () {
          var sheet = self._ws._sheet();
          var b = self._box();
          if (grid.length !== b.r1 - b.r0 + 1 || grid[0].length !== b.c1 - b.c0 + 1) throw officeError("InvalidArgument", "size mismatch at " + self._address);
          for (var r = 0; r < grid.length; r++) for (var c = 0; c < grid[r].length; c++) writeCell(sheet, b.r0 + r, b.c0 + c, grid[r][c], kind);
        });
      };
    }
    Object.defineProperty(Range.prototype, "values", {
      get: function () {
        return this._get("values");
      },
      set: setter("values"),
    });
    Object.defineProperty(Range.prototype, "formulas", {
      get: function () {
        return this._get("formulas");
      },
      set: setter("formulas"),
    });
    Range.prototype.select = function () {
      var self = this;
      this._ctx.queue.push(function () {
        if (state.active !== self._ws._sheet().name) throw officeError("InvalidSelection", "select on an inactive sheet");
        state.selected = { sheet: self._ws._name, cell: self._address };
      });
    };
    Range.prototype.clear = function () {
      this._each(function (x) {
        x.v = null;
        x.f = null;
      }, true);
    };
    /** RangeAreas of the merged ranges that intersect this range (ExcelApi 1.13): address and isNullObject. */
    Range.prototype.getMergedAreasOrNullObject = function () {
      var range = this;
      var areas = new Loadable(this._ctx);
      if (!isSupported("1.13")) {
        this._ctx.queue.push(function () {
          throw officeError("ApiNotFound", "getMergedAreasOrNullObject needs ExcelApi 1.13");
        });
      }
      var list = function () {
        var b = range._box();
        if (!b) return [];
        return range._ws._sheet().merges.filter(function (m) {
          return m.r0 <= b.r1 && m.r1 >= b.r0 && m.c0 <= b.c1 && m.c1 >= b.c0;
        });
      };
      areas._read = function (p) {
        if (p === "isNullObject") return list().length === 0;
        if (p === "address") {
          var name = range._ws._name;
          // Excel quotes sheet names that are not plain words.
          var shown = /^[\w\u4e00-\u9fff.]+$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
          return list()
            .map(function (m) {
              return shown + "!$" + colLetters(m.c0) + "$" + (m.r0 + 1) + ":$" + colLetters(m.c1) + "$" + (m.r1 + 1);
            })
            .join(",");
        }
        throw officeError("InvalidArgument", p);
      };
      def(areas, ["isNullObject", "address"]);
      return areas;
    };
    Range.prototype.getCellProperties = function () {
      var self = this;
      var result = { _v: null };
      Object.defineProperty(result, "value", {
        get: function () {
          if (result._v === null) throw officeError("PropertyNotLoaded", "value");
          return result._v;
        },
      });
      this._ctx.queue.push(function () {
        result._v = self._grid(function (x) {
          var f = x && x.fill;
          return { format: { fill: f ? { color: f.color, pattern: f.pattern, patternColor: f.patternColor } : { color: "#FFFFFF", pattern: "None", patternColor: null } } };
        });
      });
      return result;
    };
    Range.prototype.setCellProperties = function (grid) {
      var self = this;
      this._ctx.queue.push(function () {
        var sheet = self._ws._sheet();
        var b = self._box();
        for (var r = 0; r < grid.length; r++)
          for (var c = 0; c < grid[r].length; c++) {
            var f = grid[r][c].format && grid[r][c].format.fill;
            if (!f) continue;
            var x = sheet.ensure(b.r0 + r, b.c0 + c);
            x.fill = f.pattern === "None" ? null : { color: f.color, pattern: f.pattern || "Solid", patternColor: f.patternColor || null };
          }
      });
    };

    var Excel = {
      run: function (batch) {
        state.runs++;
        var ctx = new Context();
        return Promise.resolve()
          .then(function () {
            return batch(ctx);
          })
          .then(function (res) {
            // Excel.run flushes whatever is still queued when the batch returns.
            if (ctx.queue.length === 0) return res;
            return ctx.sync().then(function () {
              return res;
            });
          });
      },
    };

    var readyResolve;
    var ready = new Promise(function (r) {
      readyResolve = r;
    });
    var info = { host: options.host === undefined ? "Excel" : options.host, platform: "OfficeOnline" };
    var excelApi = options.excelApi || "1.13";
    function isSupported(version) {
      var a = String(version || "1.1").split(".").map(Number);
      var b = excelApi.split(".").map(Number);
      return a[0] < b[0] || (a[0] === b[0] && (a[1] || 0) <= (b[1] || 0));
    }
    var Office = {
      HostType: { Excel: "Excel" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      onReady: function (cb) {
        return ready.then(function () {
          if (cb) cb(info);
          return info;
        });
      },
      actions: {
        associations: {},
        associate: function (name, fn) {
          Office.actions.associations[name] = fn;
        },
      },
      context: {
        requirements: {
          isSetSupported: function (name, version) {
            return name === "ExcelApi" && isSupported(version);
          },
        },
        document: {
          settings: {
            get: function (k) {
              return k in state.settings ? JSON.parse(state.settings[k]) : null;
            },
            set: function (k, v) {
              state.settings[k] = JSON.stringify(v);
            },
            remove: function (k) {
              delete state.settings[k];
            },
            saveAsync: function (cb) {
              state.savedSettings++;
              setTimeout(function () {
                if (cb) cb({ status: "succeeded" });
              }, 0);
            },
          },
        },
      },
    };
    setTimeout(readyResolve, 0);

    function OfficeExtensionError() {}
    var OfficeExtension = { Error: OfficeExtensionError };

    /** Plain view of a sheet for assertions: {"B5": {v, f}}. */
    function cells(sheetName) {
      var s = findSheet(sheetName);
      var out = {};
      if (!s) return out;
      s.cells.forEach(function (x, k) {
        if (x.v === null && x.f === null && x.fill === null && x.nf === null) return;
        var p = k.split(",");
        out[colLetters(Number(p[1])) + (Number(p[0]) + 1)] = { v: x.v, f: x.f, fill: x.fill };
      });
      return out;
    }
    function cell(sheetName, address) {
      var s = findSheet(sheetName);
      if (!s) return null;
      var p = parseCell(address);
      var x = s.get(p.row, p.col);
      return x ? { v: x.v, f: x.f, fill: x.fill } : { v: null, f: null, fill: null };
    }
    function sheetNames() {
      return state.sheets.map(function (s) {
        return s.name;
      });
    }

    /** The workbook and settings as a snapshot, to start a new double from (a reopened pane in the same workbook). */
    function exportState() {
      var sheets = state.sheets.map(exportSheet);
      return { name: state.workbookName, sheets: sheets, settings: JSON.parse(JSON.stringify(state.settings)) };
    }

    return { Excel: Excel, Office: Office, OfficeExtension: OfficeExtension, state: state, cells: cells, cell: cell, sheetNames: sheetNames, exportState: exportState };
  }

  // The address helpers serve the WPS double too (test/support/wps-double.js).
  return { createExcelDouble: createExcelDouble, colLetters: colLetters, parseCell: parseCell, parseRange: parseRange, exportSheet: exportSheet, Sheet: Sheet };
});
