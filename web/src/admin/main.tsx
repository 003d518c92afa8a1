import { render } from 'preact'; render(<p>admin</p>, document.getElementById('app')!);
