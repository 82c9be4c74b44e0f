const t = performance.now();
await import(process.argv[2]);
const u = process.cpuUsage();
console.log(process.argv[2], 'wall', (performance.now()-t).toFixed(0), 'cpu', ((u.user+u.system)/1000).toFixed(0));
