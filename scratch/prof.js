const fs=require("fs");const d="/tmp/io/prof/";const f=fs.readdirSync(d).find(x=>x.includes(".0.001"));const p=JSON.parse(fs.readFileSync(d+f));
const self=new Map();const dt=p.timeDeltas;const byId=new Map(p.nodes.map(n=>[n.id,n]));
p.samples.forEach((s,i)=>{const n=byId.get(s);const k=n.callFrame.functionName+" "+n.callFrame.url.split("/").pop()+":"+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));});
[...self].sort((a,b)=>b[1]-a[1]).slice(0,+process.argv[2]||25).forEach(([k,v])=>console.log((v/1000).toFixed(0),k));
