import cron from 'node-cron';

cron.schedule('0 3 * * *', async () => {
  console.log('nightly order cleanup');
});
