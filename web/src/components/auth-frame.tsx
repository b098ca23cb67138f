/** The frame of the pages shown before the app (登录, 修改密码): a card centred on the office's colours. */
import type { ReactNode } from 'react';

export const authFrame = (children: ReactNode) => (
  <div
    style={{
      minHeight: '100vh',
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      background: 'linear-gradient(160deg, #8e0000 0%, #b71c1c 45%, #f5f5f5 45%)',
    }}
  >
    {children}
  </div>
);
